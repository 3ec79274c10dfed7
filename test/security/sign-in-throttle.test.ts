import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuth, type Auth } from "../../lib/auth/auth";
import { addressList, CLIENT_ADDRESS_HEADER, clientAddress } from "../../lib/auth/client-address";
import { admitSignIn, delaySeconds, THROTTLE } from "../../lib/auth/throttle";
import { createUser } from "../../lib/auth/users";
import { studioUrl } from "../../lib/env";
import { createTestDb, type TestDb } from "../db";

// Guessing passwords: every attempt counts against the account and the
// client's address in PostgreSQL, whichever web server or path it came
// through, and a client cannot pick its own address with X-Forwarded-For.

const SECRET = "a-test-secret-of-enough-length-0123456789";
const USER = { name: "Sam", email: "sam@x.io", password: "sam-password" };

describe("sign-in throttle", () => {
  let t: TestDb;
  let auth: Auth;

  /** POST /api/auth/sign-in/email as a browser would, from `address` as the studio's web server saw it. */
  async function post(a: Auth, body: { email: string; password: string }, headers: Record<string, string> = {}) {
    return a.handler(
      new Request(`${studioUrl()}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: studioUrl(), ...headers },
        body: JSON.stringify(body),
      }),
    );
  }

  beforeAll(async () => {
    t = await createTestDb();
    auth = createAuth(t.db, SECRET);
    for (const [name, email] of [
      [USER.name, USER.email],
      ["Kim", "kim@x.io"],
    ]) {
      const created = await createUser(t.db, { ...USER, name, email }, "viewer");
      if (!created.ok) throw new Error(created.error);
    }
  });
  beforeEach(async () => {
    await t.db.signInThrottle.deleteMany();
    // the clock stands still, so a wait cannot run out halfway through a test on a slow machine
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("wrong passwords on one account are cut off after a few, whatever X-Forwarded-For each request claims, and the right one waits too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await post(
        auth,
        { email: USER.email, password: `guess-${i}` },
        { "x-forwarded-for": `203.0.113.${i}`, [CLIENT_ADDRESS_HEADER]: `198.51.100.${i}` },
      );
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.account.free + 1);
    expect(statuses.slice(THROTTLE.account.free + 1).every((s) => s === 429)).toBe(true);
    const right = await post(auth, USER);
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await right.json()) as { message: string }).message).toMatch(/Too many failed sign-ins: try again in \d+ s/);
  });

  it("the sign-in page's path (the auth API called from the server) is throttled alike", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) {
      try {
        await auth.api.signInEmail({ body: { email: USER.email, password: `guess-${i}` }, headers: new Headers({ [CLIENT_ADDRESS_HEADER]: "192.0.2.7" }) });
        outcomes.push("in");
      } catch (e) {
        outcomes.push(String((e as { statusCode?: number }).statusCode));
      }
    }
    expect(outcomes.slice(0, THROTTLE.account.free + 1).every((o) => o === "401")).toBe(true);
    expect(outcomes.slice(THROTTLE.account.free + 1).every((o) => o === "429")).toBe(true);
  });

  it("a burst of parallel guesses is counted before any password is checked", async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(auth, { email: USER.email, password: `burst-${i}` }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(THROTTLE.account.free + 1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - THROTTLE.account.free - 1);
  });

  it("two web servers on one database share the count", async () => {
    const other = createAuth(t.db, SECRET);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await post(i % 2 ? other : auth, { email: USER.email, password: `guess-${i}` })).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.account.free + 1);
  });

  it("one address guessing across many accounts is cut off, while another address still gets in", async () => {
    const from = (address: string) => ({ [CLIENT_ADDRESS_HEADER]: address });
    const statuses: number[] = [];
    for (let i = 0; i < THROTTLE.address.free + 3; i++)
      statuses.push((await post(auth, { email: `nobody${i}@x.io`, password: "guess" }, from("198.51.100.9"))).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(THROTTLE.address.free + 1);
    expect((await post(auth, { email: "kim@x.io", password: USER.password }, from("198.51.100.9"))).status).toBe(429);
    expect((await post(auth, { email: "kim@x.io", password: USER.password }, from("198.51.100.10"))).status).toBe(200);
  });

  it("many people signing in rightly from one address never add up to a wait", async () => {
    const from = { [CLIENT_ADDRESS_HEADER]: "198.51.100.20" };
    for (let i = 0; i < THROTTLE.address.free + 5; i++)
      expect((await post(auth, { email: i % 2 ? "kim@x.io" : USER.email, password: USER.password }, from)).status).toBe(200);
  });

  it("the wait grows with each failure up to a cap, then the account gets in again and starts afresh", async () => {
    expect([5, 6, 7, 8].map((n) => delaySeconds(n, 5))).toEqual([0, 2, 4, 8]);
    expect(delaySeconds(1_000, 5)).toBe(THROTTLE.maxDelaySeconds);
    for (let i = 0; i < 40; i++) await post(auth, { email: USER.email, password: `guess-${i}` });
    const row = await t.db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${USER.email}` } });
    expect(row.blockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(THROTTLE.maxDelaySeconds * 1000);
    // the wait has passed
    await t.db.signInThrottle.updateMany({ data: { blockedUntil: new Date(Date.now() - 1000) } });
    expect((await post(auth, USER)).status).toBe(200);
    expect(await t.db.signInThrottle.findUnique({ where: { key: `account:${USER.email}` } })).toBeNull();
  });

  it("an account untouched for a day starts afresh", async () => {
    const now = new Date();
    for (let i = 0; i < THROTTLE.account.free + 1; i++) expect((await admitSignIn(t.db, { email: USER.email }, now)).allowed).toBe(true);
    expect((await admitSignIn(t.db, { email: USER.email }, now)).allowed).toBe(false);
    const later = new Date(now.getTime() + (THROTTLE.forgetAfterSeconds + 60) * 1000);
    expect(await admitSignIn(t.db, { email: USER.email }, later)).toEqual({ allowed: true });
    expect((await t.db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${USER.email}` } })).failures).toBe(1);
  });
});

describe("client address", () => {
  const none = addressList([]);
  const proxies = addressList(["10.0.0.5", "172.16.0.0/12"]);

  it("without trusted proxies X-Forwarded-For is ignored: the socket's peer is the client", () => {
    expect(clientAddress("198.51.100.1", "203.0.113.9", none)).toBe("198.51.100.1");
    expect(clientAddress("::ffff:198.51.100.1", "203.0.113.9", none)).toBe("198.51.100.1");
  });

  it("behind trusted proxies the client is the last address they did not add themselves", () => {
    expect(clientAddress("10.0.0.5", "1.1.1.1, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", "1.1.1.1, 203.0.113.9, 172.20.1.1", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", ["garbage, 203.0.113.9"], proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", "not-an-ip", proxies)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", undefined, proxies)).toBe("10.0.0.5");
  });

  it("a malformed trusted proxy is an error, not a silent hole", () => {
    expect(() => addressList(["proxy.local"])).toThrow(/not an IP address/);
  });
});
