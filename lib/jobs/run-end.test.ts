import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, urlWithSchema, type TestDb } from "../../test/db";
import type { Db } from "../db/client";
import { testGateway } from "../llm/testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "../llm/testing/openai-server";
import { createStageContext } from "./context";
import { startQueue } from "./queue";
import { cancelRun, retryFailedItems, WORKER_GONE_MS } from "./runs";
import { executeRun } from "./worker";
import { stages } from "../pipeline";

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const runOf = (db: Db, id: string) => db.run.findUniqueOrThrow({ where: { id } });

describe("a run whose endpoint goes away", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer({ latencyMs: 50 });
  });
  afterAll(async () => server?.close());

  it("pauses with the reason while the endpoint is down and resumes on its own when it answers again", { timeout: 90_000 }, async () => {
    const run = await t.db.run.create({ data: { kind: "noop", status: "running", heartbeatAt: new Date() } });
    const gw = testGateway(t.db, server, {}, { retry: { baseDelayMs: 20, maxDelayMs: 50, maxRetries: 2 } });
    const controller = new AbortController();
    const ctx = createStageContext(t.db, run, controller.signal, { probe: { firstMs: 100, maxMs: 400 } });
    const port = Number(new URL(server.url).port);
    const items = 12;
    await ctx.setTotal(items);
    const work = (async () => {
      for (let i = 0; i < items; i++) {
        await ctx.item(`call-${i}`, async () => {
          await gw.chat("agent", { messages: [{ role: "user", content: `hello ${i}` }] }, { runId: run.id, cache: false });
        });
      }
    })();

    await waitFor(
      () => runOf(t.db, run.id),
      (r) => r.done >= 3,
    );
    await server.close(); // the endpoint goes away mid-run
    const paused = await waitFor(
      () => runOf(t.db, run.id),
      (r) => r.status === "paused",
    );
    expect(paused.status).toBe("paused");
    expect(paused.pausedReason).toContain(`127.0.0.1:${port}`);
    expect(paused.failed).toBe(0); // an endpoint that is down fails no item

    server = await startOpenAiTestServer({ latencyMs: 50, port }); // back, where it was
    await work;
    const after = await runOf(t.db, run.id);
    expect(after).toMatchObject({ status: "running", pausedReason: null, done: items, failed: 0 });
  });
});

describe("how a run ends", () => {
  let t: TestDb;
  let boss: PgBoss;
  beforeAll(async () => {
    t = await createTestDb();
    boss = await startQueue(urlWithSchema(t.url, t.schema), { schema: t.schema, supervise: false });
  });
  afterAll(async () => boss?.stop({ graceful: false, timeout: 2000 }));

  it("ends failed when every item failed and partial when some did, with the count in its message", async () => {
    const all = await t.db.run.create({ data: { kind: "noop", config: { steps: 3, delayMs: 0, failAt: [0, 1, 2] } } });
    await executeRun(t.db, all.id, { stages });
    expect(await runOf(t.db, all.id)).toMatchObject({ status: "failed", done: 0, failed: 3, message: "all 3 items failed" });

    const some = await t.db.run.create({ data: { kind: "noop", config: { steps: 4, delayMs: 0, failAt: [2] } } });
    await executeRun(t.db, some.id, { stages });
    expect(await runOf(t.db, some.id)).toMatchObject({ status: "partial", done: 3, failed: 1, message: "1 of 4 items failed" });

    const none = await t.db.run.create({ data: { kind: "noop", config: { steps: 2, delayMs: 0 } } });
    await executeRun(t.db, none.id, { stages });
    expect(await runOf(t.db, none.id)).toMatchObject({ status: "succeeded", done: 2, failed: 0 });
  });

  it("cancels a paused run at once when no worker works it, and a cancelled run resumes its unfinished items", async () => {
    const run = await t.db.run.create({
      data: {
        kind: "noop",
        status: "paused",
        pausedReason: "waiting for the agent endpoint",
        config: { steps: 6, delayMs: 0 },
        total: 6,
        done: 2,
        heartbeatAt: new Date(Date.now() - WORKER_GONE_MS - 1000),
      },
    });
    await t.db.runItem.createMany({
      data: [0, 1]
        .map((i) => ({ runId: run.id, key: `step-${i}`, status: "done" as const, attempts: 1 }))
        .concat([{ runId: run.id, key: "step-2", status: "pending" as never, attempts: 0 }]),
    });
    expect(await cancelRun(t.db, run.id)).toBe(true);
    expect(await runOf(t.db, run.id)).toMatchObject({ status: "cancelled", pausedReason: null, cancelRequested: true });
    expect(await cancelRun(t.db, run.id)).toBe(false); // already ended

    const resumed = await retryFailedItems(t.db, boss, run.id);
    expect(resumed).toEqual({ ok: true, items: 1 });
    expect(await runOf(t.db, run.id)).toMatchObject({ status: "queued", cancelRequested: false });
    await executeRun(t.db, run.id, { stages });
    const after = await runOf(t.db, run.id);
    expect(after).toMatchObject({ status: "succeeded", done: 6, failed: 0 });
    const items = await t.db.runItem.findMany({ where: { runId: run.id } });
    expect(items.filter((i) => i.key === "step-0" || i.key === "step-1").every((i) => i.attempts === 1)).toBe(true); // done ones not redone
  });

  it("cancels a paused run its worker is working within a second of asking", { timeout: 60_000 }, async () => {
    const server = await startOpenAiTestServer();
    const port = Number(new URL(server.url).port);
    await server.close(); // nothing answers there
    const run = await t.db.run.create({ data: { kind: "noop", status: "running", heartbeatAt: new Date() } });
    const controller = new AbortController();
    const ctx = createStageContext(t.db, run, controller.signal, { probe: { firstMs: 100, maxMs: 200 } });
    const gw = testGateway(t.db, { ...server, url: `http://127.0.0.1:${port}/v1` }, {}, { retry: { baseDelayMs: 5, maxDelayMs: 10, maxRetries: 1 } });
    const item = ctx.item("only", async () => {
      await gw.chat("agent", { messages: [{ role: "user", content: "anyone?" }] }, { runId: run.id, cache: false, signal: controller.signal });
    });
    await waitFor(
      () => runOf(t.db, run.id),
      (r) => r.status === "paused",
    );
    expect(await cancelRun(t.db, run.id)).toBe(true); // the worker is alive: asked, not forced
    controller.abort(); // what the worker's poll does on seeing cancelRequested
    await expect(item).rejects.toThrow("run cancelled");
  });
});
