import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { testGateway } from "../llm/testing/harness";
import { startOpenAiTestServer, type OpenAiTestServer } from "../llm/testing/openai-server";
import { judgeConfigSchema } from "./config";
import { judgeTrajectory } from "./judge";
import { listJudgements } from "./judgement-view";
import { seedTask, seedTrajectory } from "./test-fixtures";

// The judge through the real gateway and the real `openai` client, against the
// local OpenAI-compatible server scripted to misbehave.

const good = JSON.stringify({
  criteria: [{ id: "answer", score: 5, justification: "States 21°C from the tool", steps: [2, 3] }],
  verdict: "pass",
  confidence: 0.9,
});

describe("rubric judge over HTTP", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  let trajectoryId: string;
  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
    trajectoryId = await seedTrajectory(t.db, await seedTask(t.db));
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const judge = (samples = 1) =>
    judgeTrajectory({ db: t.db, gateway: testGateway(t.db, server), sandbox: null }, trajectoryId, judgeConfigSchema.parse({ rubric: { samples } }), {
      cache: false,
    });

  it("asks for the judgement as a json_schema and reads the criteria and cited steps back", async () => {
    server.script({ reply: { content: good } });
    expect(await judge()).toMatchObject({ verdict: "accepted", score: 1 });
    const format = server.requests[0].body.response_format as { json_schema: { name: string } };
    expect(format.json_schema.name).toBe("rubric_judgement");
    const [j] = await listJudgements(t.db, trajectoryId);
    expect(j.rubric).toMatchObject({ status: "judged", model: "test-model", provider: "openai", criteria: [{ id: "answer", steps: [2, 3], score: 1 }] });
  });

  it("a malformed reply is sent back for repair and the repaired one counts", async () => {
    server.script(
      { reply: { content: "The agent did well, I'd say pass." } },
      { reply: { content: JSON.stringify({ ...JSON.parse(good), confidence: 7 }) } },
      { reply: { content: good } },
    );
    expect(await judge()).toMatchObject({ verdict: "accepted" });
    expect(server.requests).toHaveLength(3);
  });

  it("a judge that never replies validly leaves a rejected judgement saying so, not a crash", async () => {
    server.script({ reply: { content: "{" } }, { reply: { content: "[]" } }, { reply: { content: '{"verdict":"maybe"}' } });
    expect(await judge()).toMatchObject({ verdict: "rejected" });
    const [j] = await listJudgements(t.db, trajectoryId);
    expect(j.rubric).toMatchObject({ status: "error", verdict: null });
    expect(j.decision!.reasons[0]).toMatchObject({ layer: "rubric" });
    expect(j.decision!.reasons[0].message).toMatch(/no usable reply/);
  });

  it("server errors and malformed HTTP bodies are retried by the gateway", async () => {
    server.script({ status: 500, message: "boom" }, { malformed: true }, { reply: { content: good } });
    expect(await judge()).toMatchObject({ verdict: "accepted" });
    expect(server.requests).toHaveLength(3);
  });

  it("an endpoint that keeps failing fails the judging (to be retried) and leaves no judgement", async () => {
    const before = (await listJudgements(t.db, trajectoryId)).length;
    server.script(...Array.from({ length: 4 }, () => ({ status: 503, message: "overloaded" })));
    await expect(judge()).rejects.toThrow(/judge call .* failed after 4 attempts/);
    expect(await listJudgements(t.db, trajectoryId)).toHaveLength(before);
  });
});
