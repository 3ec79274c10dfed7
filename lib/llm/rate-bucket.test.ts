import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { createDb, type Db } from "../db/client";
import { endpointId } from "./endpoint-lease";
import { drawFromBucket, type BucketLevels } from "./rate-bucket";
import { TEST_API_KEY, testGateway } from "./testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "./testing/openai-server";

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const FULL: BucketLevels = { requests: null, tokens: null, refilledAt: null };

describe("the endpoint's token bucket (pure)", () => {
  it("a full bucket holds a second's worth of requests; the rest wait for the refill", () => {
    const draw = drawFromBucket(FULL, { requestsPerMinute: 600, tokensPerMinute: 0 }, Array(15).fill(10), 0, at(0));
    expect(draw.granted).toBe(10);
    expect(draw.waitMs).toBeCloseTo(100, 6); // one request refills in 60,000 / 600 ms
    expect(draw.levels).toEqual({ requests: 0, tokens: null, refilledAt: at(0) });
    const later = drawFromBucket(draw.levels, { requestsPerMinute: 600, tokensPerMinute: 0 }, Array(5).fill(10), 0, at(250));
    expect(later.granted).toBe(2);
    expect(later.levels.requests).toBeCloseTo(0.5, 6);
  });

  it("counts tokens: a debt from replies longer than estimated is paid before new calls go", () => {
    const rates = { requestsPerMinute: 0, tokensPerMinute: 6_000 }; // 100 a second
    expect(drawFromBucket(FULL, rates, [40, 40, 40], 0, at(0)).granted).toBe(2);
    const owing = drawFromBucket({ requests: null, tokens: 100, refilledAt: at(0) }, rates, [40], 90, at(0));
    expect(owing.granted).toBe(0);
    expect(owing.waitMs).toBeCloseTo(300, 6); // 30 tokens short at 100 a second
    // A call larger than the bucket goes once it is full, and leaves a debt.
    const big = drawFromBucket(FULL, rates, [250, 10], 0, at(0));
    expect(big.granted).toBe(1);
    expect(big.levels.tokens).toBe(-150);
  });
});

describe("requests per minute shared by worker processes through PostgreSQL", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  const others: Db[] = [];
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
  });
  afterAll(async () => {
    await Promise.all(others.map((db) => db.$disconnect()));
    await server.close();
  });
  beforeEach(() => server.reset());

  /** A second database client: to the limits, another worker process (a lease and a draw of its own). */
  function anotherWorker(): Db {
    const db = createDb(t.url, { schema: t.schema, max: 3 });
    others.push(db);
    return db;
  }
  const ask = (db: Db, model: string, rpm: number, i: number, opts: { apiKey?: string; signal?: AbortSignal } = {}) =>
    testGateway(db, server, { model, requestsPerMinute: rpm, concurrency: 16, ...(opts.apiKey ? { apiKey: opts.apiKey } : {}) }).chat(
      "agent",
      { messages: [{ role: "user", content: `${model} ${i}` }] },
      { cache: false, signal: opts.signal },
    );

  it("two workers get one endpoint's rate between them, not each a bucket of their own", async () => {
    // 6 a minute: the bucket holds one request, the next comes 10 s later. An endpoint (key) of its own.
    const apiKey = "sk-test-six-a-minute-0001";
    const stop = new AbortController();
    const worker = anotherWorker();
    const calls = [1, 2].flatMap((i) => [
      ask(t.db, "six-a-minute", 6, i, { apiKey, signal: stop.signal }),
      ask(worker, "six-a-minute", 6, 10 + i, { apiKey, signal: stop.signal }),
    ]);
    const sent = () => server.requests.filter((r) => JSON.stringify(r.body).includes("six-a-minute")).length;
    for (let i = 0; i < 500 && sent() === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sent()).toBe(1);
    const bucket = await t.db.endpointBucket.findUniqueOrThrow({ where: { id: endpointId(server.url, apiKey) } });
    expect(bucket.requests).toBeLessThan(1);
    stop.abort(new Error("test over"));
    expect((await Promise.allSettled(calls)).filter((r) => r.status === "fulfilled")).toHaveLength(1);
  }, 60_000);

  it("calls from two workers together keep within the rate, by the database's clock", async () => {
    const [{ now: startedAt }] = await t.db.$queryRaw<{ now: Date }[]>`SELECT now() AS "now"`;
    const worker = anotherWorker();
    // 1,200 a minute: 20 at once, then 20 a second; 60 calls need at least 2 s.
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => ask(t.db, "twenty-a-second", 1_200, i)),
      ...Array.from({ length: 30 }, (_, i) => ask(worker, "twenty-a-second", 1_200, 100 + i)),
    ]);
    const bucket = await t.db.endpointBucket.findUniqueOrThrow({ where: { id: endpointId(server.url, TEST_API_KEY) } });
    expect(bucket.refilledAt!.getTime() - startedAt.getTime()).toBeGreaterThanOrEqual(2_000 - 1);
    expect(server.requests).toHaveLength(60);
  }, 60_000);
});
