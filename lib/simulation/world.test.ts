import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { createStageContext } from "../jobs/context";
import { loadTrajectory } from "../trajectory/store";
import { worldAfter } from "../world/world";
import { forkTrajectory } from "./fork";
import { simulationGateway } from "./gateway-factory";
import { simulateConfigSchema } from "./config";
import { runSimulation } from "./stage";
import { createAgentWithTask } from "./testing/fixtures";
import { createFakeGateway } from "./testing/fake-gateway";
import { createToolSimulator } from "./tools/simulator";
import type { SimTool } from "./tools/types";

const cancelOrder = {
  name: "cancel_order",
  description: "Cancel an order by its id",
  inputSchema: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
  outputSchema: { type: "object", properties: { id: { type: "string" }, status: { type: "string" } }, required: ["id", "status"] },
};
const world = { orders: { "ORD-1001": { id: "ORD-1001", status: "active", total: 40 }, "ORD-1002": { id: "ORD-1002", status: "active", total: 12 } } };

describe("episodes with a world", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  const offline = () => simulationGateway(t.db, { roles: { agent: { provider: "offline" }, user: { provider: "offline" }, tool: { provider: "offline" } } });

  it("a changing call's patch is stored with its result, the world is kept from the task, and a fork restores the world of its step", async () => {
    const { task } = await createAgentWithTask(t.db, { tools: [cancelOrder] });
    await t.db.task.update({ where: { id: task.id }, data: { world, instruction: "Please cancel my order ORD-1002, I no longer need it." } });
    const config = simulateConfigSchema.parse({ taskIds: [task.id], seed: 1 });
    const run = await t.db.run.create({ data: { kind: "simulate", status: "running", config } });
    await runSimulation(createStageContext(t.db, run, new AbortController().signal), config, offline());

    const row = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id } });
    const doc = (await loadTrajectory(t.db, row.id))!;
    expect(doc.world).toEqual(world);
    const call = doc.messages.findIndex((m) => m.role === "tool");
    expect(doc.messages[call - 1].toolCalls![0].arguments).toEqual({ order_id: "ORD-1002" });
    expect(doc.messages[call].worldPatch).toEqual([{ op: "replace", path: "/orders/ORD-1002/status", value: "cancelled" }]);
    expect(JSON.parse(doc.messages[call].content!)).toMatchObject({ id: "ORD-1002", status: "cancelled" });
    const after = worldAfter(
      doc.world!,
      doc.messages.map((m) => m.worldPatch),
    );
    expect(after.orders).toMatchObject({ "ORD-1002": { status: "cancelled" }, "ORD-1001": { status: "active" } });

    // the task's world changes later; the fork still starts from its parent's world and steps
    await t.db.task.update({ where: { id: task.id }, data: { world: { orders: {} } } });
    const fork = await forkTrajectory(t.db, offline(), { trajectoryId: row.id, atStep: call + 1, seed: 9 });
    expect(fork.ok).toBe(true);
    const forked = (await loadTrajectory(t.db, (fork as { id: string }).id))!;
    expect(forked.world).toEqual(world);
    const atFork = (d: typeof doc) =>
      worldAfter(
        d.world!,
        d.messages.slice(0, call + 1).map((m) => m.worldPatch),
      );
    expect(atFork(forked)).toEqual(atFork(doc));
    expect(
      worldAfter(
        forked.world!,
        forked.messages.map((m) => m.worldPatch),
      ).orders,
    ).toMatchObject({ "ORD-1002": { status: "cancelled" } });
  });

  it("a patch that does not apply is asked for again with the reason, then the step fails with it", async () => {
    const tool: SimTool = {
      name: "cancel_order",
      description: "",
      parameters: cancelOrder.inputSchema,
      outputSchema: cancelOrder.outputSchema,
      executor: "simulated",
    };
    const ctx = { seed: 1, callIndex: 0, history: [], tools: new Map([[tool.name, tool]]), world };
    const bad = { op: "replace", path: "/orders/ORD-9/status", value: "cancelled" };
    const good = { op: "replace", path: "/orders/ORD-1001/status", value: "cancelled" };

    let answers = [bad, good];
    const retried = createFakeGateway({ structured: () => ({ result: { id: "ORD-1001", status: "cancelled" }, patch: [answers.shift()] }) });
    const ok = await createToolSimulator({ gateway: retried, failureRate: 0 }).call(tool, { order_id: "ORD-1001" }, ctx);
    expect(ok).toMatchObject({ isError: false, worldPatch: [good] });
    expect(retried.requests[1].messages[1].content).toMatch(/attempt 1 was refused: operation 1 \(replace \/orders\/ORD-9\/status\) does not apply/);

    answers = [];
    const broken = createFakeGateway({ structured: () => ({ result: { id: "x", status: "y" }, patch: [bad] }) });
    const failed = await createToolSimulator({ gateway: broken, failureRate: 0 }).call(tool, { order_id: "ORD-1001" }, ctx);
    expect(broken.requests).toHaveLength(3);
    expect(failed).toMatchObject({
      isError: true,
      worldPatch: null,
      violations: [{ code: "world_patch_refused", message: expect.stringMatching(/refused 3 times/) }],
    });
  });

  it("a read-only tool that changes the world is refused", async () => {
    const tool: SimTool = {
      name: "get_order",
      description: "",
      parameters: cancelOrder.inputSchema,
      outputSchema: cancelOrder.outputSchema,
      executor: "simulated",
    };
    const ctx = { seed: 1, callIndex: 0, history: [], tools: new Map([[tool.name, tool]]), world };
    const gateway = createFakeGateway({
      structured: () => ({ result: { id: "ORD-1001", status: "active" }, patch: [{ op: "remove", path: "/orders/ORD-1001" }] }),
    });
    const r = await createToolSimulator({ gateway, failureRate: 0 }).call(tool, { order_id: "ORD-1001" }, ctx);
    expect(r.violations?.[0].message).toMatch(/read-only tool changed the world/);
  });
});
