import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GOAL_LINE, USER_TURN_FORMAT } from "../../simulation/user-turn-format";
import { TASK_FORMAT } from "../../synthesis/task-prompt-format";
import { missingDetails } from "../../synthesis/task-world";
import { offlineChat } from "./chat";
import { valuesIn, withGivenValues } from "./given-values";
import { OFFLINE_GOAL_LEAK_RATE } from "./user-turn";

const taskSchema = z.toJSONSchema(z.object({ goal: z.string(), instruction: z.string(), persona: z.object({ name: z.string() }) }));
const taskPrompt = (typeLine: string) =>
  [
    "The assistant's system prompt:\nYou help with orders.",
    "Its tools:\n- cancel_order: Cancels an order by id. Refunds go to the card.\n- get_weather: Weather for a city",
    `Task type: single call. ${typeLine}`,
  ].join("\n\n");

describe("the offline model writing tasks and playing the user", () => {
  it("asks for what the task's required tools do, so a reading agent can find them; a seeded share stays vague", () => {
    const drafts = Array.from({ length: 40 }, (_, seed) => {
      const reply = offlineChat(
        {
          messages: [{ role: "user", content: taskPrompt("The request is answered by one call to cancel_order.") }],
          responseFormat: { name: TASK_FORMAT, schema: taskSchema },
          seed,
          temperature: 0,
          maxTokens: 1000,
        },
        "m",
      );
      return JSON.parse(reply.text ?? "{}") as { instruction: string; goal: string };
    });
    const specific = drafts.filter((d) => d.instruction.includes("cancel order (cancels an order by id)"));
    expect(specific.length).toBeGreaterThan(20);
    expect(specific.length).toBeLessThan(40);
    expect(drafts.every((d) => !d.instruction.includes("get weather"))).toBe(true);
  });

  it("leaves a task with no required tool to the filler", () => {
    const reply = offlineChat(
      {
        messages: [{ role: "user", content: taskPrompt("The request is answered from general knowledge.") }],
        responseFormat: { name: TASK_FORMAT, schema: taskSchema },
        seed: 1,
        temperature: 0,
        maxTokens: 1000,
      },
      "m",
    );
    expect(JSON.parse(reply.text ?? "{}").instruction).not.toMatch(/could you help me with/);
  });

  it("as the user simulator, states its hidden goal outright on a seeded few turns", () => {
    const goal = "Cancel order ORD-1001 and get the refund to the card";
    const schema = z.toJSONSchema(z.object({ message: z.string(), status: z.enum(["continue", "satisfied", "gave_up"]) }));
    const turns = Array.from(
      { length: 400 },
      (_, seed) =>
        JSON.parse(
          offlineChat(
            {
              messages: [
                { role: "system", content: `You play a user.\n\n${GOAL_LINE}${goal}` },
                { role: "assistant", content: "Hi" },
                { role: "user", content: "How can I help?" },
              ],
              responseFormat: { name: USER_TURN_FORMAT, schema },
              seed,
              temperature: 0,
              maxTokens: 1000,
            },
            "m",
          ).text ?? "{}",
        ) as { message: string; status: string },
    );
    const leaks = turns.filter((t) => t.message.includes(goal));
    expect(leaks.length).toBeGreaterThan(0);
    expect(leaks.length).toBeLessThan(400 * OFFLINE_GOAL_LEAK_RATE * 3);
    expect(leaks.every((t) => t.status === "continue")).toBe(true);
  });

  it("copies the details a user gave as JSON into arguments of the same name and type", () => {
    const values = valuesIn(['Please update it.\n\nDetails: {"status":"shipped","quantity":3,"tags":["a"]}', 'earlier: {"status":"pending"}']);
    expect(values).toEqual({ status: "shipped", quantity: 3 });
    const parameters = { type: "object", properties: { status: { type: "string" }, quantity: { type: "string" }, note: { type: "string" } } };
    expect(withGivenValues({ status: "x", quantity: "y", note: "n" }, values, parameters)).toEqual({ status: "shipped", quantity: "y", note: "n" });
  });

  it("a task's instruction must give the values its blueprint acts with, unless it states them already", () => {
    const blueprint = {
      endState: [],
      ordered: false,
      facts: [],
      actions: [{ tool: "update_order", arguments: { order_id: "ORD-1001", status: "shipped", quantity: 3 } }],
    };
    expect(missingDetails(blueprint, ["ORD-1001"], "Ship ORD-1001")).toEqual({ status: "shipped", quantity: 3 });
    expect(missingDetails(blueprint, ["ORD-1001"], "Mark ORD-1001 as shipped")).toEqual({ quantity: 3 });
  });
});
