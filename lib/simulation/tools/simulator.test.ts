import { describe, expect, it } from "vitest";
import { createFakeGateway } from "../testing/fake-gateway";
import { schemaErrors } from "../validation";
import { drawInjection, INJECTED_KINDS } from "./failures";
import { createToolSimulator } from "./simulator";
import type { SimTool, ToolCallContext, ToolHistoryEntry } from "./types";

const listOrders: SimTool = {
  name: "list_orders",
  description: "List a customer's orders",
  parameters: { type: "object", properties: { customer_id: { type: "string" } }, required: ["customer_id"] },
  outputSchema: {
    type: "object",
    properties: {
      orders: { type: "array", items: { type: "object", properties: { id: { type: "string" }, total: { type: "number" } }, required: ["id"] } },
      next_page: { type: "string" },
    },
    required: ["orders"],
  },
  executor: "simulated",
  annotations: { readOnlyHint: true },
  errorCases: [{ code: "CUSTOMER_NOT_FOUND", description: "No customer has this id." }],
};
const cancelOrder: SimTool = {
  name: "cancel_order",
  description: "Cancel an order",
  parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
  outputSchema: { type: "object", properties: { status: { type: "string", enum: ["cancelled", "not_found"] } }, required: ["status"] },
  executor: "simulated",
};
const tools = new Map([listOrders, cancelOrder].map((t) => [t.name, t]));
const ctx = (callIndex: number, history: ToolHistoryEntry[] = [], seed = 7): ToolCallContext => ({ seed, callIndex, history, tools });

describe("injected failures", () => {
  it("happen at the configured rate, with every kind", () => {
    const draws = Array.from({ length: 4000 }, (_, i) => drawInjection(11, i, 0.2));
    const injected = draws.filter(Boolean);
    expect(injected.length / draws.length).toBeGreaterThan(0.17);
    expect(injected.length / draws.length).toBeLessThan(0.23);
    for (const kind of INJECTED_KINDS) expect(injected.filter((k) => k === kind).length).toBeGreaterThan(injected.length / 5);
  });

  it("are deterministic for a seed and differ across seeds", () => {
    const seq = (seed: number) => Array.from({ length: 200 }, (_, i) => drawInjection(seed, i, 0.3));
    expect(seq(5)).toEqual(seq(5));
    expect(seq(5)).not.toEqual(seq(6));
  });

  it("never happen at rate 0 and always at rate 1", () => {
    expect(Array.from({ length: 500 }, (_, i) => drawInjection(1, i, 0)).every((k) => k === null)).toBe(true);
    expect(Array.from({ length: 500 }, (_, i) => drawInjection(1, i, 1)).every((k) => k !== null)).toBe(true);
  });

  it("an injected error uses one of the tool's own error cases, is marked and costs no model call", async () => {
    const gateway = createFakeGateway();
    const sim = createToolSimulator({ gateway, failureRate: 1 });
    const index = Array.from({ length: 100 }, (_, i) => i).find((i) => drawInjection(7, i, 1) === "error")!;
    const r = await sim.call(listOrders, { customer_id: "c1" }, ctx(index));
    expect(r).toMatchObject({ isError: true, injectedFailure: "error" });
    expect(JSON.parse(r.content)).toEqual({ error: { code: "CUSTOMER_NOT_FOUND", message: "No customer has this id." } });
    expect(gateway.requests).toHaveLength(0);
  });

  it("a partial result drops optional fields and shortens lists; an edge case empties them; both stay valid", async () => {
    const gateway = createFakeGateway({
      structured: () => ({
        orders: [
          { id: "o1", total: 1 },
          { id: "o2", total: 2 },
          { id: "o3", total: 3 },
        ],
        next_page: "p2",
      }),
    });
    const sim = createToolSimulator({ gateway, failureRate: 1 });
    const at = (kind: string) => Array.from({ length: 200 }, (_, i) => i).find((i) => drawInjection(7, i, 1) === kind)!;
    const partial = await sim.call(listOrders, { customer_id: "c1" }, ctx(at("partial")));
    expect(partial.injectedFailure).toBe("partial");
    expect(JSON.parse(partial.content)).toEqual({ orders: [{ id: "o1" }, { id: "o2" }] });
    const edge = await sim.call(listOrders, { customer_id: "c1" }, ctx(at("edge_case")));
    expect(edge.injectedFailure).toBe("edge_case");
    expect(JSON.parse(edge.content)).toEqual({ orders: [], next_page: "p2" });
    for (const r of [partial, edge]) expect(schemaErrors(listOrders.outputSchema, JSON.parse(r.content))).toBeNull();
    // the simulator was told what to produce
    expect(gateway.requests[0].messages[1].content).toMatch(/PARTIAL result/);
    expect(gateway.requests[1].messages[1].content).toMatch(/EDGE CASE/);
  });
});

describe("tool simulator", () => {
  it("returns a result valid against the output schema, with the call's accounting", async () => {
    const sim = createToolSimulator({ gateway: createFakeGateway(), failureRate: 0 });
    const r = await sim.call(cancelOrder, { order_id: "o1" }, ctx(0));
    expect(r).toMatchObject({ isError: false, injectedFailure: null, promptTokens: 10, completionTokens: 5 });
    expect(schemaErrors(cancelOrder.outputSchema, JSON.parse(r.content))).toBeNull();
  });

  it("carries state: every earlier call and result of the episode is in the simulator's prompt", async () => {
    const gateway = createFakeGateway();
    const sim = createToolSimulator({ gateway, failureRate: 0 });
    const history: ToolHistoryEntry[] = [
      { name: "list_orders", arguments: { customer_id: "c42" }, result: '{"orders":[{"id":"A-17","total":99.5}]}', isError: false },
      { name: "cancel_order", arguments: { order_id: "A-17" }, result: '{"status":"cancelled"}', isError: false },
    ];
    await sim.call(listOrders, { customer_id: "c42" }, ctx(2, history));
    const prompt = gateway.requests[0].messages.map((m) => m.content).join("\n");
    expect(prompt).toContain('1. list_orders({"customer_id":"c42"}) → {"orders":[{"id":"A-17","total":99.5}]}');
    expect(prompt).toContain('2. cancel_order({"order_id":"A-17"}) → {"status":"cancelled"}');
    expect(prompt).toContain('This call: list_orders({"customer_id":"c42"})');
    expect(prompt).toMatch(/never contradict an earlier result/);
  });

  it("repeats a read-only call's earlier answer verbatim when nothing changed since", async () => {
    const gateway = createFakeGateway();
    const sim = createToolSimulator({ gateway, failureRate: 0 });
    const first = { name: "list_orders", arguments: { customer_id: "c1" }, result: '{"orders":[{"id":"X"}]}', isError: false };
    const same = await sim.call(listOrders, { customer_id: "c1" }, ctx(1, [first]));
    expect(same.content).toBe(first.result);
    expect(gateway.requests).toHaveLength(0);
    // different arguments, or a state-changing call in between: ask the simulator
    await sim.call(listOrders, { customer_id: "c2" }, ctx(1, [first]));
    const write = { name: "cancel_order", arguments: { order_id: "X" }, result: '{"status":"cancelled"}', isError: false };
    await sim.call(listOrders, { customer_id: "c1" }, ctx(2, [first, write]));
    expect(gateway.requests).toHaveLength(2);
  });

  it("answers in text for a tool without an output schema", async () => {
    const gateway = createFakeGateway({ structured: () => ({ content: "42 rows deleted" }) });
    const sim = createToolSimulator({ gateway, failureRate: 0 });
    const r = await sim.call({ ...cancelOrder, outputSchema: null }, { order_id: "o" }, ctx(0));
    expect(r.content).toBe("42 rows deleted");
  });

  it("wraps and unwraps an output schema whose root is not an object", async () => {
    const gateway = createFakeGateway({ structured: (_r, _n, _m, filled) => filled });
    const sim = createToolSimulator({ gateway, failureRate: 0 });
    const r = await sim.call({ ...cancelOrder, outputSchema: { type: "array", items: { type: "string" } } }, { order_id: "o" }, ctx(0));
    expect(JSON.parse(r.content)).toEqual(["text", "text"]);
  });
});
