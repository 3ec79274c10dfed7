import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { createStageContext } from "../jobs/context";
import { startOpenAiTestServer, type OpenAiTestServer } from "../llm/testing/openai-server";
import { simulationGateway } from "../simulation/gateway-factory";
import { renderReactStep } from "../simulation/react";
import { simulateConfigSchema } from "../simulation/config";
import { runSimulation } from "../simulation/stage";
import { createAgentWithTask } from "../simulation/testing/fixtures";
import { exportDataset } from "./export";
import { exportStage } from "./stages/export";
import type { FormatId } from "./formats";
import { endsOnCallDoc, ORDERED_ARGS, PRETTY_ARGS, weatherDoc } from "./testing/sample-docs";
import { datasetText } from "./testing/files";
import { saveWithVerdict } from "./testing/seed";

// Arguments a model wrote, through a real simulation run over HTTP, the
// database and every export format: the bytes that leave are the model's.

const flightTool = {
  name: "search_flights",
  description: "Flights between two airports on a date",
  inputSchema: {
    type: "object",
    properties: { origin: { type: "string" }, destination: { type: "string" }, date: { type: "string" }, max_price: { type: "number" } },
    required: ["origin", "destination", "date"],
  },
};

describe("tool-call arguments from simulation to every export format", () => {
  let t: TestDb;
  let server: OpenAiTestServer;
  const runIds: Record<"native" | "react", string> = { native: "", react: "" };

  beforeAll(async () => {
    t = await createTestDb();
    server = await startOpenAiTestServer();
    const role = {
      provider: "openai" as const,
      baseUrl: server.url,
      apiKey: "sk-test",
      model: "test-model",
      concurrency: 4,
      requestsPerMinute: 0,
      tokensPerMinute: 0,
    };
    const offline = { provider: "offline" as const };
    const gateway = simulationGateway(t.db, { roles: { agent: role, user: offline, tool: offline } });
    const { task } = await createAgentWithTask(t.db, { tools: [flightTool] });
    for (const protocol of ["native", "react"] as const) {
      server.script(
        protocol === "native"
          ? {
              reply: {
                content: null,
                toolCalls: [
                  { name: "search_flights", arguments: PRETTY_ARGS },
                  { name: "search_flights", arguments: ORDERED_ARGS },
                ],
              },
            }
          : { reply: { content: renderReactStep({ thought: "Search.", toolName: "search_flights", args: {} }).replace("{}", PRETTY_ARGS) } },
        protocol === "native"
          ? { reply: { content: "Two flights found." } }
          : { reply: { content: renderReactStep({ thought: "Done.", toolName: "finish", args: { answer: "Two flights found." } }) } },
      );
      const config = simulateConfigSchema.parse({ taskIds: [task.id], protocols: [protocol], episodesPerTask: 1, concurrency: 1 });
      const run = await t.db.run.create({ data: { kind: "simulate", status: "running", config } });
      await runSimulation(createStageContext(t.db, run, new AbortController().signal), config, gateway);
      runIds[protocol] = run.id;
    }
  });
  afterAll(async () => {
    await server.close();
  });

  const exported = async (format: FormatId, protocol: "native" | "react") => {
    const { dataset, manifest } = await exportDataset(t.db, { name: `${format}-${protocol}`, format, filter: { verdict: "any", runIds: [runIds[protocol]] } });
    expect(manifest.counts).toMatchObject({ written: 1, refused: 0 });
    return datasetText(t.db, dataset.id, "train.jsonl");
  };

  it("openai: both calls' arguments are the model's bytes (key order, spacing, 2.50, line breaks)", async () => {
    const record = JSON.parse(await exported("openai", "native"));
    const calls = record.messages.find((m: { tool_calls?: unknown }) => m.tool_calls).tool_calls;
    expect(calls.map((c: { function: { arguments: string } }) => c.function.arguments)).toEqual([PRETTY_ARGS, ORDERED_ARGS]);
  });

  it("sharegpt: the function_call value holds the model's bytes", async () => {
    const record = JSON.parse(await exported("sharegpt", "native"));
    const call = record.conversations.find((c: { from: string }) => c.from === "function_call").value;
    expect(call).toContain(`"arguments": ${PRETTY_ARGS}}`);
    expect(call).toContain(`"arguments": ${ORDERED_ARGS}}`);
  });

  it.each(["trl", "react"] as const)("%s: the line holds the model's bytes, pretty-printed ones on one line", async (format) => {
    const line = await exported(format, "native");
    expect(line).toContain(ORDERED_ARGS);
    expect(line).toContain('{"origin": "SFO","destination": "JFK","date": "2026-12-24"}');
  });

  it.each(["openai", "trl", "sharegpt", "react"] as const)("%s: a ReAct episode's arguments leave as its protocol text wrote them", async (format) => {
    const line = await exported(format, "react");
    const text =
      format === "openai" || format === "sharegpt" || format === "react"
        ? JSON.stringify(PRETTY_ARGS).slice(1, -1)
        : '{"origin": "SFO","destination": "JFK","date": "2026-12-24"}';
    expect(line).toContain(text);
    expect(line).not.toContain("next_thought");
  });

  it("the default export of unjudged trajectories says why it wrote nothing, in the manifest and the run", async () => {
    const run = await t.db.run.create({ data: { kind: "export", status: "running", config: { name: "unjudged" } } });
    await exportStage.run(createStageContext(t.db, run, new AbortController().signal), exportStage.config.parse({ name: "unjudged" }));
    const dataset = await t.db.dataset.findFirstOrThrow({ where: { name: "unjudged" } });
    expect((dataset.manifest as { emptyBecause: string }).emptyBecause).toMatch(
      /no trajectory has the effective verdict "accepted": 2 match the rest of the filter, 2 of them not yet judged/,
    );
    expect((await t.db.run.findUniqueOrThrow({ where: { id: run.id } })).message).toMatch(
      /Nothing written: no trajectory has the effective verdict "accepted"/,
    );
  });

  it("a trajectory that cannot be a valid record is refused: listed with its reasons in the manifest, the card and the run's errors, and not written", async () => {
    const source = await t.db.run.create({ data: { kind: "import", status: "succeeded" } });
    const bad = await saveWithVerdict(t.db, endsOnCallDoc, { verdict: "accepted", runId: source.id });
    await saveWithVerdict(t.db, weatherDoc, { verdict: "accepted", runId: source.id });
    const config = exportStage.config.parse({ name: "with-refusal", format: "trl", filter: { runIds: [source.id] } });
    const run = await t.db.run.create({ data: { kind: "export", status: "running", config } });
    await exportStage.run(createStageContext(t.db, run, new AbortController().signal), config);
    const dataset = await t.db.dataset.findFirstOrThrow({ where: { name: "with-refusal" } });
    const manifest = dataset.manifest as { counts: { written: number; refused: number }; refused: { trajectoryId: string; reasons: string[] }[] };
    expect(manifest.counts).toMatchObject({ written: 1, refused: 1 });
    expect(manifest.refused).toEqual([
      {
        trajectoryId: bad,
        reasons: [
          expect.stringMatching(/^call \w{9} \(get_weather\) is never answered by a tool message$/),
          "the conversation ends on a tool call, not on an assistant reply",
        ],
      },
    ]);
    expect(dataset.card).toContain("- Refused: 1 trajectories that cannot be valid trl records");
    const after = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.errors).toEqual([
      expect.objectContaining({ key: bad, message: expect.stringMatching(/^refused: call \w{9} \(get_weather\) is never answered/) }),
    ]);
    expect(after.message).toMatch(/1 records .*, 1 trajectories refused as invalid trl records/);
  });
});
