import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../../test/db";
import type { Db } from "../db/client";
import { createStageContext } from "../jobs/context";
import { executeRun } from "../jobs/worker";
import { saveRoleOverrides } from "../llm/config";
import { testGateway } from "../llm/testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "../llm/testing/openai-server";
import { stages } from "../pipeline";
import { runAgentSynthesis } from "./stages/agents";
import { agentSynthesisConfig } from "./config";
import { seedCatalogue, stageContext } from "./testing/fixtures";

// Synthesis in batch mode against the local server's Batch API: the
// generator's requests go out as batches, never one by one.

const FAST = { gatherMs: 20, maxGatherMs: 500, pollMs: 10 };
const chatRequests = (server: OpenAiTestServer) => server.requests.filter((r) => r.path.endsWith("/chat/completions")).length;

async function until(check: () => boolean) {
  for (let i = 0; i < 1_000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe("synthesis in batch mode", () => {
  let server: OpenAiTestServer;
  beforeAll(async () => {
    server = await startOpenAiTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.batch.hold = false;
    server.batch.failLine = null;
    server.batch.created.length = 0;
  });

  async function catalogue(): Promise<Db> {
    const { db } = await createTestDb();
    await seedCatalogue(db);
    return db;
  }

  it("a run started with batch: true completes, every generator call sent in a batch and logged as one", async () => {
    const db = await catalogue();
    await saveRoleOverrides(db, { generator: { provider: "openai", baseUrl: server.url, model: "test-model" } });
    const run = await db.run.create({ data: { kind: "synthesize_agents", config: { count: 4, seed: 3, batch: true } } });
    await executeRun(db, run.id, { stages });
    const ended = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({ status: "succeeded", failed: 0, done: 4 });
    expect(await db.agent.count({ where: { runId: run.id } })).toBe(4);
    expect(chatRequests(server)).toBe(0);
    expect(server.batch.created.length).toBeGreaterThan(0);
    expect(await db.llmBatch.count({ where: { runId: run.id, status: "completed" } })).toBe(server.batch.created.length);
    const calls = await db.llmCall.findMany({ where: { runId: run.id, role: "generator" } });
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.every((c) => c.batch)).toBe(true);
  });

  it("a run restarted mid-batch polls the batch it submitted and makes the same agents without submitting again", async () => {
    const db = await catalogue();
    const config = agentSynthesisConfig.parse({ count: 3, seed: 5, batch: true });
    server.batch.hold = true;
    const stop = new AbortController();
    const { run, ctx } = await stageContext(db, "synthesize_agents", config, stop.signal);
    const first = runAgentSynthesis(ctx, config, testGateway(db, server, {}, { batch: { runId: run.id, ...FAST } })).catch((e: unknown) => e);
    await until(() => server.batch.created.length === 1 && server.batch.retrieved > 0);
    stop.abort(new Error("worker killed"));
    await first;
    expect(await db.agent.count({ where: { runId: run.id } })).toBe(0);

    // Another worker takes the run up; the batch then completes.
    const again = createStageContext(db, await db.run.findUniqueOrThrow({ where: { id: run.id } }), new AbortController().signal);
    const polled = server.batch.retrieved;
    const second = runAgentSynthesis(again, config, testGateway(db, server, {}, { batch: { runId: run.id, ...FAST } }));
    await until(() => server.batch.retrieved > polled);
    server.batch.hold = false;
    await second;
    expect(await db.agent.count({ where: { runId: run.id } })).toBe(3);
    expect(server.batch.created).toHaveLength(1);
    expect(chatRequests(server)).toBe(0);
  });

  it("a line in the error file fails only its item, with the endpoint's reason", async () => {
    const db = await catalogue();
    const config = agentSynthesisConfig.parse({ count: 3, seed: 9, batch: true });
    let refused = 0;
    server.batch.failLine = () => (refused++ === 0 ? "Invalid 'messages': the request was refused by policy" : null);
    const { run, ctx } = await stageContext(db, "synthesize_agents", config);
    await runAgentSynthesis(ctx, config, testGateway(db, server, {}, { batch: { runId: run.id, ...FAST } }));
    const ended = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({ done: 2, failed: 1 });
    expect(JSON.stringify(ended.errors)).toContain("refused by policy");
    expect(await db.agent.count({ where: { runId: run.id } })).toBe(2);
    expect(chatRequests(server)).toBe(0);
  });
});
