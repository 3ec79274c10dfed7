import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDb, type TestDb } from "../../test/db";
import { createGateway } from "./gateway";
import { cosine } from "./offline";
import { LLM_ROLES, type ToolDefinition } from "./types";

const offline = Object.fromEntries(LLM_ROLES.map((r) => [r, { provider: "offline" as const }]));

const tools: ToolDefinition[] = [
  {
    name: "search_recipes",
    description: "Find recipes by ingredient",
    parameters: {
      type: "object",
      properties: { ingredient: { type: "string" }, max_minutes: { type: "integer", minimum: 5, maximum: 120 } },
      required: ["ingredient"],
    },
  },
  {
    name: "convert_units",
    description: "Convert between kitchen units",
    parameters: {
      type: "object",
      properties: { amount: { type: "number" }, unit: { type: "string", enum: ["g", "oz", "cup"] } },
      required: ["amount", "unit"],
    },
  },
];

const userTurn = z.object({ message: z.string().min(1), done: z.boolean() });
const toolResult = z.object({ recipes: z.array(z.object({ title: z.string(), minutes: z.int().min(1) })).min(1) });
const judgement = z.object({ score: z.int().min(1).max(5), passed: z.boolean(), rationale: z.string() });

describe("gateway on the offline provider", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("runs a whole episode for every role without a key or a network", async () => {
    const gw = createGateway({ db: t.db, roles: offline });
    const ctx = { seed: 11, cache: false };
    const user = await gw.structured(
      "user",
      { messages: [{ role: "user", content: "You want a quick pasta recipe with tomato." }], schema: userTurn, name: "user_turn" },
      ctx,
    );
    expect(userTurn.parse(user.value)).toEqual(user.value);

    const messages = [{ role: "user" as const, content: "Find me a recipe with tomato that takes under 30 minutes" }];
    const call = await gw.chat("agent", { messages, tools }, ctx);
    expect(call.toolCalls.map((c) => c.name)).toEqual(["search_recipes"]);
    expect(call).toMatchObject({ provider: "offline", model: "offline", costUsd: 0, finishReason: "tool_calls" });

    const result = await gw.structured(
      "tool",
      { messages: [{ role: "user", content: `Simulate ${call.toolCalls[0].rawArguments}` }], schema: toolResult, name: "tool_result" },
      ctx,
    );
    const answer = await gw.chat(
      "agent",
      {
        messages: [
          ...messages,
          { role: "assistant", content: null, toolCalls: call.toolCalls },
          { role: "tool", toolCallId: call.toolCalls[0].id, content: JSON.stringify(result.value) },
        ],
        tools,
      },
      ctx,
    );
    expect(answer).toMatchObject({ toolCalls: [], finishReason: "stop" });
    expect(answer.text).toContain(result.value.recipes[0].title);

    const judged = await gw.structured("judge", { messages: [{ role: "user", content: `Judge: ${answer.text}` }], schema: judgement, name: "judgement" }, ctx);
    expect(judgement.safeParse(judged.value).success).toBe(true);
    const generated = await gw.structured(
      "generator",
      { messages: [{ role: "user", content: "A tool for recipes" }], schema: z.object({ name: z.string(), description: z.string() }), name: "tool" },
      ctx,
    );
    expect(generated.value.description.length).toBeGreaterThan(0);

    const [a, b, c] = await gw.embed(["tomato pasta recipe", "pasta with tomato sauce recipe", "currency exchange rates"], ctx);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));

    for (const role of LLM_ROLES) expect(await gw.info(role)).toMatchObject({ provider: "offline", model: "offline", hasApiKey: false });
    await gw.flush();
    const calls = await t.db.llmCall.findMany();
    expect(calls.length).toBe(7);
    expect(calls.every((x) => x.provider === "offline" && x.endpoint === "offline" && x.status === "ok" && x.costUsd === 0)).toBe(true);
  });

  it("gives the same answer for the same seed and a different one for another seed", async () => {
    const gw = createGateway({ db: t.db, roles: offline });
    const ask = (seed: number) =>
      gw.structured("judge", { messages: [{ role: "user", content: "Judge the trajectory." }], schema: judgement, name: "judgement" }, { seed, cache: false });
    expect((await ask(1)).value).toEqual((await ask(1)).value);
    const values = new Set(await Promise.all([1, 2, 3, 4, 5].map(async (s) => JSON.stringify((await ask(s)).value))));
    expect(values.size).toBeGreaterThan(1);
  });
});
