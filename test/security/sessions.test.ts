import type { BetterAuthOptions } from "better-auth";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createAuth, SESSION_LIFETIME, type Auth } from "../../lib/auth/auth";
import { createUser } from "../../lib/auth/users";
import { createTestDb, type TestDb } from "../db";

// Sessions end: better-auth's own sliding expiry (seven days) is enforced on
// every read, a session in use still ends 30 days after sign-in, and a
// session that was signed out, expired or forged is refused.

const DAY = 24 * 60 * 60 * 1000;
const USER = { name: "Sam", email: "sam@x.io", password: "sam-password" };

describe("sessions", () => {
  let t: TestDb;
  let auth: Auth;
  let userId: string;

  async function signIn(): Promise<Headers> {
    const res = await auth.api.signInEmail({ body: { email: USER.email, password: USER.password }, asResponse: true });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
    expect(cookie).toBeDefined();
    return new Headers({ cookie: cookie!.split(";")[0] });
  }

  beforeAll(async () => {
    t = await createTestDb();
    auth = createAuth(t.db, "a-test-secret-of-enough-length-0123456789");
    const created = await createUser(t.db, USER, "viewer");
    if (!created.ok) throw new Error(created.error);
    userId = created.userId;
  });

  it("a session lasts seven days from the last visit, no longer", async () => {
    expect((auth.options as BetterAuthOptions).session?.expiresIn).toBe((7 * DAY) / 1000); // change this test with the setting
    const headers = await signIn();
    const session = await auth.api.getSession({ headers });
    expect(session?.user).toMatchObject({ id: userId, email: USER.email });
    const lifetime = session!.session.expiresAt.getTime() - session!.session.createdAt.getTime();
    expect(lifetime).toBeGreaterThan(7 * DAY - 60_000);
    expect(lifetime).toBeLessThanOrEqual(7 * DAY + 60_000);
  });

  it("a session visited every day still ends 30 days after sign-in", async () => {
    const headers = await signIn();
    const token = headers.get("cookie")!.split("=")[1].split(".")[0];
    const signedInAt = (await t.db.session.findUniqueOrThrow({ where: { token } })).createdAt.getTime();
    const end = signedInAt + SESSION_LIFETIME.absoluteSeconds * 1000;
    try {
      for (let day = 1; day <= 31; day++) {
        vi.useFakeTimers({ toFake: ["Date"], now: signedInAt + day * DAY + 60 * 60 * 1000 });
        const session = await auth.api.getSession({ headers });
        if (Date.now() < end) expect(session?.session.expiresAt.getTime()).toBeLessThanOrEqual(end);
        else expect(session).toBeNull();
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("a session whose expiry has passed is refused", async () => {
    const headers = await signIn();
    const token = headers.get("cookie")!.split("=")[1].split(".")[0];
    await t.db.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await auth.api.getSession({ headers })).toBeNull();
  });

  it("a signed-out session is refused", async () => {
    const headers = await signIn();
    await auth.api.signOut({ headers });
    expect(await auth.api.getSession({ headers })).toBeNull();
  });

  it("a cookie whose signature does not match the secret is refused", async () => {
    const headers = await signIn();
    const [name, value] = headers.get("cookie")!.split("=");
    const [token] = decodeURIComponent(value).split(".");
    expect(await auth.api.getSession({ headers: new Headers({ cookie: `${name}=${token}.forged-signature` }) })).toBeNull();
    expect(await auth.api.getSession({ headers: new Headers({ cookie: `${name}=${token}` }) })).toBeNull();
    const otherSecret = createAuth(t.db, "another-secret-entirely-0123456789abcdef");
    expect(await otherSecret.api.getSession({ headers })).toBeNull();
  });

  it("a wrong password and open sign-up are refused", async () => {
    const wrong = await auth.api.signInEmail({ body: { email: USER.email, password: "not-the-password" }, asResponse: true });
    expect(wrong.status).toBe(401);
    const signUp = await auth.api.signUpEmail({ body: { name: "Eve", email: "eve@x.io", password: "eve-password" }, asResponse: true });
    expect(signUp.status).toBeGreaterThanOrEqual(400);
    expect(await t.db.user.count({ where: { email: "eve@x.io" } })).toBe(0);
  });
});
