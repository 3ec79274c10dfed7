import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { endpointId, listEndpointLimits } from "./endpoint-lease";
import { TEST_API_KEY, testGateway } from "./testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "./testing/openai-server";

const WORKER = fileURLToPath(new URL("./testing/limit-worker.ts", import.meta.url));
const ROOT = path.resolve(path.dirname(WORKER), "../../..");

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("limits per endpoint, shared by every role and worker process through PostgreSQL", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    server.latencyMs = 0;
    await t.db.endpointLimit.deleteMany();
  });

  function worker(args: { concurrency: number; calls: number; content: string; leaseTiming?: { ttlMs: number; renewMs: number } }) {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, JSON.stringify({ databaseUrl: t.url, schema: t.schema, baseUrl: server.url, ...args })], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    let out = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    const exited = once(child, "exit").then(([code]) => ({ code: code as number | null, out }));
    return { child, exited };
  }

  it("keeps two worker processes, each calling from three roles, within the endpoint's concurrency", async () => {
    server.latencyMs = 150;
    const a = worker({ concurrency: 4, calls: 24, content: "from a" });
    const b = worker({ concurrency: 4, calls: 24, content: "from b" });
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    expect(ra).toEqual({ code: 0, out: '{"done":24}\n' });
    expect(rb).toEqual({ code: 0, out: '{"done":24}\n' });
    expect(server.requests).toHaveLength(48);
    // per role and per process this was 3 roles × 2 processes × 4 = 24 in flight
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(4);
    expect(server.stats.maxInFlight).toBeGreaterThanOrEqual(3);
    // the two workers shared it: while both had calls waiting, both were being answered
    const firstB = server.requests.findIndex((r) => JSON.stringify(r.body).includes("from b"));
    const firstA = server.requests.findIndex((r) => JSON.stringify(r.body).includes("from a"));
    expect(Math.max(firstA, firstB)).toBeLessThan(30);
    // no key in the database: the endpoint is named by a hash
    const [row] = await t.db.endpointLimit.findMany();
    expect(row).toMatchObject({ id: endpointId(server.url, TEST_API_KEY), baseUrl: server.url, configuredLimit: 4 });
    expect(JSON.stringify(row)).not.toContain(TEST_API_KEY);
  }, 180_000);

  it("gives a killed worker's slots to the others once its lease expires, not before", async () => {
    const leaseTiming = { ttlMs: 4_000, renewMs: 300 };
    server.scriptWhen((body) => JSON.stringify(body).includes("hog"), { latencyMs: 30_000 }, { latencyMs: 30_000 });
    const hog = worker({ concurrency: 2, calls: 2, content: "hog", leaseTiming });
    await until(() => server.stats.inFlight === 2);
    hog.child.kill("SIGKILL");
    await hog.exited;
    const killedAt = performance.now();
    const id = endpointId(server.url, TEST_API_KEY);
    const [lease] = await t.db.endpointLease.findMany({ where: { endpointId: id } });
    const [{ now }] = await t.db.$queryRaw<{ now: Date }[]>`SELECT now() AS "now"`;
    expect(lease).toMatchObject({ slots: 2 });
    const lapsesInMs = lease.expiresAt.getTime() - now.getTime();
    expect(lapsesInMs).toBeGreaterThan(1_000);

    const gw = testGateway(t.db, server, { concurrency: 2, model: "after-the-crash" }, { leaseTiming });
    const calls = Promise.all([1, 2].map((i) => gw.chat("agent", { messages: [{ role: "user", content: `next ${i}` }] }, { cache: false })));
    await new Promise((r) => setTimeout(r, 500));
    // the dead worker's lease still holds both slots; this process holds a lease with none, waiting
    expect(server.requests.filter((r) => JSON.stringify(r.body).includes("next"))).toHaveLength(0);
    expect((await listEndpointLimits(t.db))[0]).toMatchObject({ holders: 2, slotsHeld: 2 });
    await calls;
    // …until it lapsed
    expect(performance.now() - killedAt).toBeGreaterThanOrEqual(lapsesInMs - 50);
    expect(await t.db.endpointLease.count({ where: { holder: lease.holder } })).toBe(0);
  }, 180_000);

  it("halves the limit on 429s, shows their rate, and grows it back with successes", async () => {
    const leaseTiming = { ttlMs: 5_000, renewMs: 100 };
    // no retries: successes right after the 429s would start growing the limit back before it is read
    const gw = testGateway(t.db, server, { concurrency: 8, model: "adaptive" }, { leaseTiming, retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetries: 0 } });
    const call = (i: number) => gw.chat("agent", { messages: [{ role: "user", content: `call ${i}` }] }, { cache: false });
    server.script(...Array.from({ length: 8 }, () => ({ status: 429, headers: { "retry-after-ms": "50" } })));
    const refused = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => call(i)));
    expect(refused.every((r) => r.status === "rejected")).toBe(true);
    let view = (await listEndpointLimits(t.db))[0];
    await until(async () => (view = (await listEndpointLimits(t.db))[0]).currentLimit <= 4, 5_000);
    expect(view.configuredLimit).toBe(8);
    expect(view.rateLimitedShare).toBeGreaterThan(0.3);
    expect(view.serverErrorShare).toBe(0);

    // Successes give back a slot per `limit` of them, up to the configured limit and no further.
    server.latencyMs = 5;
    for (let round = 0; round < 12; round++) await Promise.all(Array.from({ length: 8 }, (_, i) => call(100 + round * 8 + i)));
    await until(async () => (view = (await listEndpointLimits(t.db))[0]).currentLimit === 8, 5_000);
    expect(view.rateLimitedShare).toBeLessThan(0.3);
    server.reset();
    await Promise.all(Array.from({ length: 16 }, (_, i) => call(1000 + i)));
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(8);
  }, 180_000);
});
