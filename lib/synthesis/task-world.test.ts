import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { simulationGateway } from "../simulation/gateway-factory";
import { createToolSimulator } from "../simulation/tools/simulator";
import type { SimTool } from "../simulation/tools/types";
import type { World } from "../world/world";
import { blueprintProblems, buildTaskWorld, type ExecuteAction, type WorldTool } from "./task-world";

const order = { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] };
const out = { type: "object", properties: { id: { type: "string" }, status: { type: "string" }, carrier: { type: "string" } } };
const tools: WorldTool[] = [
  { name: "get_order", parameters: order, outputSchema: out, role: "core" },
  { name: "cancel_order", parameters: order, outputSchema: out, role: "core" },
];

describe("task blueprints", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  // the blueprint's actions run through the real tool simulator on the offline provider
  const execute = (): ExecuteAction => {
    const simulator = createToolSimulator({ gateway: simulationGateway(t.db, { roles: { tool: { provider: "offline" } } }), failureRate: 0 });
    const byName = new Map<string, SimTool>(
      tools.map((x) => [x.name, { name: x.name, description: "", parameters: x.parameters!, outputSchema: x.outputSchema, executor: "simulated" }]),
    );
    let i = 0;
    return async (action, world: World) => {
      const r = await simulator.call(byName.get(action.tool)!, action.arguments, { seed: 3, callIndex: i++, history: [], tools: byName, world });
      return { patch: r.worldPatch ?? [], error: r.violations?.[0]?.message ?? null };
    };
  };

  it("a world and blueprint are built from the tools and the plan: entities, the ids acted on, the end state and the facts", () => {
    const built = buildTaskWorld(tools, { required: ["get_order", "cancel_order"], ordered: true }, 42)!;
    expect(Object.keys(built.world.orders as object)).toEqual(["ORD-1001", "ORD-1002", "ORD-1003"]);
    expect(built.blueprint.actions.map((a) => a.tool)).toEqual(["get_order", "cancel_order"]);
    const cancelled = built.blueprint.actions[1].arguments.order_id as string;
    expect(built.blueprint.endState).toEqual([{ kind: "equals", path: `/orders/${cancelled}/status`, value: "cancelled" }]);
    expect(built.blueprint.facts).toHaveLength(1);
    expect(built.givenIds).toContain(cancelled);
    expect(buildTaskWorld(tools, { required: ["get_order", "cancel_order"], ordered: true }, 42)).toEqual(built);
  });

  it("a blueprint whose actions reach its end state passes; one that cannot is discarded with the reason", async () => {
    const built = buildTaskWorld(tools, { required: ["cancel_order"], ordered: false }, 7)!;
    expect(await blueprintProblems(built.world, built.blueprint, execute())).toEqual([]);

    const path = built.blueprint.endState[0].path;
    const unreachable = { ...built.blueprint, endState: [{ kind: "equals" as const, path, value: "shipped" }] };
    expect(await blueprintProblems(built.world, unreachable, execute())).toEqual([`end state not reached: ${path} is "cancelled", expected "shipped"`]);

    const unknownId = { ...built.blueprint, actions: [{ tool: "cancel_order", arguments: { order_id: "ORD-9999" } }] };
    expect((await blueprintProblems(built.world, unknownId, execute()))[0]).toMatch(/end state not reached: .* is "active", expected "cancelled"/);
  });
});
