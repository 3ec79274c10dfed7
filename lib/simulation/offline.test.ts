import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { loadTrajectory } from "../trajectory/store";
import { simulationGateway } from "./gateway-factory";
import { endReasons } from "./options";
import { simulateConfigSchema } from "./config";
import { runSimulation } from "./stage";
import { createAgentWithTask } from "./testing/fixtures";

// End to end on the real gateway with the offline provider: what a fresh
// studio without a key does.
describe("episodes on the offline provider", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  const offline = () => simulationGateway(t.db, { roles: { agent: { provider: "offline" }, user: { provider: "offline" }, tool: { provider: "offline" } } });

  it("an autonomous native episode calls the tool, gets a simulated result valid for its schema, and finishes", async () => {
    const { task } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ taskIds: [task.id], protocols: ["native", "react"], seed: 4 });
    const run = await t.db.run.create({ data: { kind: "simulate", status: "running", config } });
    const { createStageContext } = await import("../jobs/context");
    await runSimulation(createStageContext(t.db, run, new AbortController().signal), config, offline());

    const rows = await t.db.trajectory.findMany({ where: { runId: run.id }, orderBy: { protocol: "asc" } });
    expect(rows.map((r) => r.protocol)).toEqual(["native", "react"]);
    const native = rows[0];
    expect(native).toMatchObject({ endReason: "agent_finished", provider: "offline", model: "offline" });
    const doc = (await loadTrajectory(t.db, native.id))!;
    const call = doc.messages.find((m) => m.toolCalls?.length)!;
    expect(call.toolCalls![0].name).toBe("get_weather");
    expect(call.violations).toEqual([]);
    const result = JSON.parse(doc.messages.find((m) => m.role === "tool")!.content!);
    expect(typeof result.temp_c).toBe("number");
    expect(["clear", "rain"]).toContain(result.sky);
    expect(doc.messages.at(-1)).toMatchObject({ role: "assistant", toolCalls: null });
    // every call was accounted for
    expect(await t.db.llmCall.count({ where: { runId: run.id } })).toBeGreaterThanOrEqual(3);

    // ReAct on the offline provider: the episode runs to a recorded end either way
    expect(endReasons).toContain(rows[1].endReason);
    expect(rows[1].steps).toBeGreaterThan(2);
  });

  it("an interactive episode ends by the user simulator's signal or a limit, and is deterministic for its seed", async () => {
    const { task } = await createAgentWithTask(t.db, { mode: "interactive" });
    const play = async () => {
      const config = simulateConfigSchema.parse({ taskIds: [task.id], seed: 9, maxTurns: 6, cache: false });
      const run = await t.db.run.create({ data: { kind: "simulate", status: "running", config } });
      const { createStageContext } = await import("../jobs/context");
      await runSimulation(createStageContext(t.db, run, new AbortController().signal), config, offline());
      const row = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id } });
      return { row, doc: (await loadTrajectory(t.db, row.id))! };
    };
    const a = await play();
    expect(["user_satisfied", "user_gave_up", "max_turns"]).toContain(a.row.endReason);
    expect(a.doc.messages.filter((m) => m.role === "user").length).toBeGreaterThanOrEqual(2);
    const b = await play();
    expect(b.doc.messages.map((m) => [m.role, m.content])).toEqual(a.doc.messages.map((m) => [m.role, m.content]));
  });
});
