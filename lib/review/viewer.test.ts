import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { labelTrajectory } from "./label";
import { makeAgentWorld, makeTrajectory, makeUser } from "./test-fixtures";
import { saveTrajectory } from "../trajectory/store";
import { trajectoryDocSchema } from "../trajectory/types";
import { loadTrajectoryView } from "./viewer";

describe("trajectory view", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  it("checks every tool call against its tool's schema and marks the steps worth jumping to", async () => {
    const w = await makeAgentWorld(t.db);
    const id = await makeTrajectory(t.db, {
      row: { agentId: w.agent.id, taskId: w.task.id },
      judge: {
        verdict: "rejected",
        score: 0.4,
        rules: [
          { code: "valid_arguments", passed: false, message: "bad arguments", steps: [1] },
          { code: "ended_properly", passed: true, message: "ok", steps: [5] },
        ],
      },
      steps: [
        { role: "user", content: "Weather in Paris for 0 days, and the ACME stock?" },
        {
          role: "assistant",
          reasoning: "I should call both",
          toolCalls: [
            { id: "a", name: "get_weather", arguments: { city: "Paris", days: 0 } },
            { id: "b", name: "get_weather", arguments: { city: "Paris" } },
            { id: "c", name: "book_flight", arguments: {} },
            { id: "d", name: "get_weather", arguments: null, rawArguments: "{city:", argumentsError: "Unexpected token" },
          ],
        },
        { role: "tool", content: '{"sunny":true}', toolCallId: "b", toolName: "get_weather" },
        { role: "tool", content: "rate limited", toolCallId: "a", toolName: "get_weather", isError: true, injectedFailure: "rate_limit" },
        { role: "assistant", content: "Sunny.", violations: [{ code: "unsupported_claim", message: "no stock answer" }] },
      ],
    });
    const view = await loadTrajectoryView(t.db, id);
    if (!view) throw new Error("no view");
    expect(view.steps.map((s) => s.kind)).toEqual(["user", "tool_call", "tool_result", "error", "assistant"]);
    const checks = view.steps[1].checks;
    expect(checks[0]).toMatchObject({ valid: false, errors: ["/days must be >= 1"] });
    expect(checks[1]).toEqual({ valid: true });
    expect(checks[2]).toMatchObject({ valid: false, undeclared: true });
    expect(checks[3]).toMatchObject({ valid: false, errors: [expect.stringContaining("not valid JSON")] });
    expect(view.marks).toEqual({ toolCalls: [1], violations: [4], errors: [3], citations: [1], annotated: [] });
    expect(view.tools).toEqual([
      expect.objectContaining({ name: "get_weather", role: "core", used: true }),
      expect.objectContaining({ name: "get_stock", role: "distractor", used: false }),
      expect.objectContaining({ name: "book_flight", role: null, used: true }),
    ]);
    expect(view.citations).toEqual({ 1: ["valid_arguments: bad arguments"] });
    expect(view.criteria.map((c) => c.id)).toEqual(["answered", "used_weather"]);
    expect(view.task?.goal).toBe("Learn tomorrow's weather in Paris");
    expect(view.agent?.name).toBe(w.agent.name);
    expect(view.judgements).toHaveLength(1);
  });

  it("shows reviews newest first and links a fork to its parent", async () => {
    const parent = await makeTrajectory(t.db);
    const fork = await makeTrajectory(t.db, { row: { parentId: parent, forkedAtStep: 2, seed: 7 } });
    const me = await makeUser(t.db);
    await labelTrajectory(t.db, me.id, { trajectoryId: parent, verdict: "accepted" });
    await labelTrajectory(t.db, me.id, { trajectoryId: parent, verdict: "rejected" });
    const p = await loadTrajectoryView(t.db, parent);
    expect(p?.reviews.map((r) => r.verdict)).toEqual(["rejected", "accepted"]);
    expect(p?.trajectory.forks).toEqual([expect.objectContaining({ id: fork, forkedAtStep: 2, seed: 7 })]);
    const f = await loadTrajectoryView(t.db, fork);
    expect(f?.trajectory.parent?.id).toBe(parent);
    expect(f?.criteria).toEqual([]);
    expect(await loadTrajectoryView(t.db, "missing")).toBeNull();
  });

  it("replays the stored world patches: what each step changed and the task's end state beside the final world", async () => {
    const w = await makeAgentWorld(t.db);
    await t.db.task.update({
      where: { id: w.task.id },
      data: { blueprint: { endState: [{ kind: "equals", path: "/orders/ORD-1001/status", value: "cancelled" }], actions: [] } },
    });
    const doc = trajectoryDocSchema.parse({
      tools: [],
      world: { orders: { "ORD-1001": { id: "ORD-1001", status: "active" } } },
      messages: [
        { role: "user", content: "Cancel ORD-1001" },
        { role: "assistant", content: null, toolCalls: [{ id: "c1", name: "cancel_order", arguments: { order_id: "ORD-1001" } }] },
        {
          role: "tool",
          content: '{"status":"cancelled"}',
          toolCallId: "c1",
          toolName: "cancel_order",
          worldPatch: [{ op: "replace", path: "/orders/ORD-1001/status", value: "cancelled" }],
        },
        { role: "assistant", content: "Done." },
      ],
    });
    const id = await saveTrajectory(t.db, doc, { taskId: w.task.id });
    const view = await loadTrajectoryView(t.db, id);
    expect(view?.world?.changes).toEqual({ 2: [{ op: "replace", path: "/orders/ORD-1001/status", before: "active", after: "cancelled" }] });
    expect(view?.world?.before).toEqual([0, 0, 0, 1, 1]);
    expect(view?.world?.expected).toEqual([
      expect.objectContaining({ path: "/orders/ORD-1001/status", expected: "cancelled", actual: "cancelled", passed: true }),
    ]);
    expect((await loadTrajectoryView(t.db, await makeTrajectory(t.db)))?.world).toBeNull();
  });
});
