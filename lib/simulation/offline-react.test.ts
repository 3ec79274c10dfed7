import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { createStageContext } from "../jobs/context";
import { offlineChat } from "../llm/offline";
import { stepSchema, type Step } from "../trajectory/types";
import { loadTrajectory } from "../trajectory/store";
import { reactMessages, UNPARSEABLE_STEP } from "./agent-react";
import { simulationGateway } from "./gateway-factory";
import { FINISH_TOOL, parseReactStep } from "./react";
import { simulateConfigSchema } from "./config";
import { runSimulation } from "./stage";
import { createAgentWithTask, weatherTool } from "./testing/fixtures";
import type { SimTool } from "./tools/types";
import { schemaErrors } from "./validation";

// The offline provider as a ReAct agent: it reads the real instructions
// (renderReactInstructions, through reactMessages), writes steps that
// parseReactStep reads without repairs, and finishes from its observations.

const tool = (name: string, description: string, parameters: Record<string, unknown>): SimTool => ({ name, description, parameters, executor: "simulated" });

const TRAVEL = [
  tool("search_flights", "Search flights between two airports on a date", {
    type: "object",
    properties: {
      origin: { type: "string", pattern: "^[A-Z]{3}$" },
      destination: { type: "string", pattern: "^[A-Z]{3}$" },
      date: { type: "string", format: "date" },
      cabin: { type: "string", enum: ["economy", "business"] },
    },
    required: ["origin", "destination", "date"],
    additionalProperties: false,
  }),
  tool("get_weather", "Current weather and forecast for a city", {
    type: "object",
    properties: { city: { type: "string" }, days: { type: "integer", minimum: 1, maximum: 7 } },
    required: ["city"],
  }),
  tool("book_hotel", "Book a hotel room in a city for a number of nights", {
    type: "object",
    properties: {
      city: { type: "string" },
      nights: { type: "integer", minimum: 1, maximum: 14 },
      guests: { type: "array", minItems: 1, items: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } },
    },
    required: ["city", "nights", "guests"],
  }),
  tool("get_stock_price", "Latest stock price of a listed company", { type: "object", properties: { ticker: { type: "string" } }, required: ["ticker"] }),
];
const KITCHEN = [
  tool("search_recipes", "Find recipes by ingredient", {
    type: "object",
    properties: { ingredient: { type: "string" }, max_minutes: { type: "integer", minimum: 5, maximum: 120 } },
    required: ["ingredient"],
  }),
  tool("convert_units", "Convert between kitchen units", {
    type: "object",
    properties: { amount: { type: "number" }, unit: { type: "string", enum: ["g", "oz", "cup"] } },
    required: ["amount", "unit"],
  }),
];

const CASES = [
  {
    tools: TRAVEL,
    request: "Find a flight from Paris to Rome on May 3, check the weather there and book a hotel for 4 nights.",
    expected: ["search_flights", "get_weather", "book_hotel"],
  },
  { tools: TRAVEL, request: "What is the weather in Lisbon this week?", expected: ["get_weather"] },
  { tools: KITCHEN, request: "Find me a recipe with tomato, and convert 200 g of pasta to cups.", expected: ["search_recipes", "convert_units"] },
  { tools: KITCHEN, request: "Tell me a joke about penguins.", expected: [] },
];

/** Plays a ReAct episode on the offline provider without a gateway: every step must parse cleanly. */
function playReact(tools: SimTool[], request: string, seed: number, interactive = false) {
  const steps: Step[] = [stepSchema.parse({ role: "system", content: "You are a helpful assistant." }), stepSchema.parse({ role: "user", content: request })];
  const names = [...tools.map((t) => t.name), FINISH_TOOL];
  for (let turn = 0; turn < 8; turn++) {
    const reply = offlineChat({ messages: reactMessages(steps, tools, interactive), temperature: 0, maxTokens: 0, seed }, "offline");
    const parsed = parseReactStep(reply.text ?? "", { toolNames: names });
    if (!parsed.ok) throw new Error(`seed ${seed}: ${parsed.error}\n${reply.text}`);
    expect(parsed).toMatchObject({ format: "markers", repairs: [] });
    expect(parsed.thought).toBeTruthy();
    expect(names).toContain(parsed.toolName);
    const id = `react_${steps.length}`;
    steps.push(
      stepSchema.parse({
        role: "assistant",
        content: reply.text,
        toolCalls: [{ id, name: parsed.toolName, arguments: parsed.args, rawArguments: parsed.rawArgs }],
      }),
    );
    if (parsed.toolName === FINISH_TOOL) return { steps, calls: steps.flatMap((s) => s.toolCalls ?? []), answer: (parsed.args as { answer: string }).answer };
    steps.push(
      stepSchema.parse({ role: "tool", toolCallId: id, toolName: parsed.toolName, content: JSON.stringify({ ok: true, tool: parsed.toolName, seed }) }),
    );
  }
  throw new Error(`seed ${seed}: no finish within 8 turns`);
}

describe("the offline provider as a ReAct agent", () => {
  it.each(CASES)("answers '$request' in DSPy's format: relevant tools with schema-valid arguments, then finish", ({ tools, request, expected }) => {
    for (let seed = 0; seed < 12; seed++) {
      const { calls, answer } = playReact(tools, request, seed);
      const used = calls.filter((c) => c.name !== FINISH_TOOL);
      expect(used.map((c) => c.name).sort()).toEqual([...expected].sort());
      for (const c of used) expect(schemaErrors(tools.find((t) => t.name === c.name)!.parameters, c.arguments), `${c.name} ${c.rawArguments}`).toBeNull();
      if (expected.length) for (const name of expected) expect(answer).toContain(`"tool":"${name}"`);
      else expect(answer.length).toBeGreaterThan(10);
    }
  });

  it("is deterministic for a seed, and varies across seeds", () => {
    const request = CASES[0].request;
    expect(playReact(TRAVEL, request, 5).steps).toEqual(playReact(TRAVEL, request, 5).steps);
    const texts = new Set(
      Array.from({ length: 6 }, (_, seed) =>
        playReact(TRAVEL, request, seed)
          .steps.map((s) => s.content)
          .join("\n"),
      ),
    );
    expect(texts.size).toBeGreaterThan(1);
  });

  it("plays interactive instructions too, and works through a user's reply with one more tool", () => {
    const first = playReact(TRAVEL, CASES[0].request, 3, true);
    const steps = [...first.steps, stepSchema.parse({ role: "user", content: "Please make it 5 nights at the hotel." })];
    const reply = offlineChat({ messages: reactMessages(steps, TRAVEL, true), temperature: 0, maxTokens: 0, seed: 3 }, "offline");
    const parsed = parseReactStep(reply.text ?? "");
    expect(parsed).toMatchObject({ ok: true, toolName: "book_hotel", repairs: [] });
  });
});

describe("an offline ReAct episode through the studio's gateway", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  const offline = () => simulationGateway(t.db, { roles: { agent: { provider: "offline" }, user: { provider: "offline" }, tool: { provider: "offline" } } });

  it("calls the relevant tools, finishes with their results, and has no unparseable step", async () => {
    const hotel = {
      name: "book_hotel",
      description: "Book a hotel room in a city for a number of nights",
      inputSchema: { type: "object", properties: { city: { type: "string" }, nights: { type: "integer", minimum: 1 } }, required: ["city", "nights"] },
    };
    const stocks = {
      name: "get_stock_price",
      description: "Latest stock price of a listed company",
      inputSchema: { type: "object", properties: { ticker: { type: "string" } }, required: ["ticker"] },
    };
    const { task } = await createAgentWithTask(t.db, { tools: [weatherTool, hotel, stocks] });
    await t.db.task.update({
      where: { id: task.id },
      data: { instruction: "What is the weather in Paris tomorrow? Also book a hotel room in Paris for 2 nights.", difficulty: "multi_step" },
    });
    const config = simulateConfigSchema.parse({ taskIds: [task.id], protocols: ["react"], episodesPerTask: 3, seed: 2, cache: false });
    const run = await t.db.run.create({ data: { kind: "simulate", status: "running", config } });
    await runSimulation(createStageContext(t.db, run, new AbortController().signal), config, offline());

    const rows = await t.db.trajectory.findMany({ where: { runId: run.id } });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ protocol: "react", provider: "offline", endReason: "agent_finished" });
      const doc = (await loadTrajectory(t.db, row.id))!;
      const assistant = doc.messages.filter((m) => m.role === "assistant");
      expect(assistant.flatMap((m) => m.violations)).toEqual([]);
      expect(assistant.some((m) => m.violations.some((v) => v.code === UNPARSEABLE_STEP))).toBe(false);
      const calls = assistant.flatMap((m) => m.toolCalls ?? []).map((c) => c.name);
      expect(calls.filter((n) => n !== FINISH_TOOL).sort()).toEqual(["book_hotel", "get_weather"]);
      expect(calls.at(-1)).toBe(FINISH_TOOL);
      expect(doc.messages.filter((m) => m.role === "tool")).toHaveLength(2);
    }
  });

  it("in an interactive episode, answers through finish until the user simulator ends the conversation", async () => {
    const { task } = await createAgentWithTask(t.db, { mode: "interactive" });
    const config = simulateConfigSchema.parse({ taskIds: [task.id], protocols: ["react"], episodesPerTask: 3, seed: 11, cache: false });
    const run = await t.db.run.create({ data: { kind: "simulate", status: "running", config } });
    await runSimulation(createStageContext(t.db, run, new AbortController().signal), config, offline());

    for (const row of await t.db.trajectory.findMany({ where: { runId: run.id } })) {
      expect(["user_satisfied", "user_gave_up"]).toContain(row.endReason);
      const doc = (await loadTrajectory(t.db, row.id))!;
      expect(doc.messages.flatMap((m) => m.violations)).toEqual([]);
      const calls = doc.messages.flatMap((m) => m.toolCalls ?? []).map((c) => c.name);
      expect(calls).toContain("get_weather");
      // every user turn after the first answers a finish
      const finishes = calls.filter((n) => n === FINISH_TOOL).length;
      expect(doc.messages.filter((m) => m.role === "user").length).toBe(finishes + 1);
    }
  });
});
