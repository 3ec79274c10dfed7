import { describe, expect, it } from "vitest";
import { toolEffect } from "./effects";
import { applyWorldPatch, worldAfter, worldDiff } from "./world";

const world = { orders: { "ORD-1001": { id: "ORD-1001", status: "active", total: 40 } }, customers: { "CUS-1001": { id: "CUS-1001", name: "Ada" } } };

describe("world patches", () => {
  it("a patch that applies gives the changed world and leaves the original untouched", () => {
    const r = applyWorldPatch(world, [{ op: "replace", path: "/orders/ORD-1001/status", value: "cancelled" }]);
    expect(r).toEqual({ ok: true, world: { ...world, orders: { "ORD-1001": { id: "ORD-1001", status: "cancelled", total: 40 } } } });
    expect(world.orders["ORD-1001"].status).toBe("active");
  });

  it("refuses a patch at a path that does not exist, a malformed patch, and a change of the whole world, with the reason", () => {
    const missing = applyWorldPatch(world, [{ op: "replace", path: "/orders/ORD-9/status", value: "x" }]);
    expect(missing).toMatchObject({ ok: false, reason: expect.stringMatching(/operation 1 \(replace \/orders\/ORD-9\/status\) does not apply/) });
    expect(applyWorldPatch(world, [{ op: "frobnicate", path: "/orders" }])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not an RFC 6902 patch/),
    });
    expect(applyWorldPatch(world, [{ op: "replace", path: "", value: {} }])).toMatchObject({ ok: false, reason: expect.stringMatching(/root/) });
    const failedTest = applyWorldPatch(world, [{ op: "test", path: "/orders/ORD-1001/status", value: "shipped" }]);
    expect(failedTest.ok).toBe(false);
  });

  it("replays stored patches in order and shows what a step changed", () => {
    const after = worldAfter(world, [
      null,
      [{ op: "remove", path: "/customers/CUS-1001" }],
      [{ op: "add", path: "/orders/ORD-1002", value: { id: "ORD-1002" } }],
    ]);
    expect(Object.keys(after.customers as object)).toEqual([]);
    expect(worldDiff(world, after)).toEqual(
      expect.arrayContaining([
        { op: "remove", path: "/customers/CUS-1001" },
        { op: "add", path: "/orders/ORD-1002", value: { id: "ORD-1002" } },
      ]),
    );
    expect(() => worldAfter(world, [[{ op: "remove", path: "/nothing" }]])).toThrow(/stored world patch 1 does not apply/);
  });
});

describe("tool effects read from the tool's name and schema", () => {
  const tool = (name: string, props: string[] = ["order_id"]) => ({
    name,
    parameters: { type: "object", properties: Object.fromEntries(props.map((p) => [p, { type: "string" }])) },
  });

  it("reads change nothing; cancel, update, delete and create change the entity the id names", () => {
    expect(toolEffect(tool("get_order"), { order_id: "ORD-1001" }, world)).toMatchObject({ effect: "read", patch: [], entity: { total: 40 } });
    expect(toolEffect(tool("cancel_order"), { order_id: "ORD-1001" }, world).patch).toEqual([
      { op: "replace", path: "/orders/ORD-1001/status", value: "cancelled" },
    ]);
    expect(toolEffect(tool("update_order", ["order_id", "note"]), { order_id: "ORD-1001", note: "gift" }, world).patch).toEqual([
      { op: "add", path: "/orders/ORD-1001/note", value: "gift" },
    ]);
    expect(toolEffect(tool("delete_order"), { order_id: "ORD-1001" }, world).patch).toEqual([{ op: "remove", path: "/orders/ORD-1001" }]);
    const created = toolEffect(tool("create_order", ["customer_id", "total"]), { customer_id: "CUS-1001", total: 5 }, world);
    expect(created.patch).toEqual([{ op: "add", path: "/orders/ORD-1002", value: { id: "ORD-1002", customer_id: "CUS-1001", total: 5, status: "active" } }]);
    const booked = toolEffect(tool("book_flight", ["destination"]), { destination: "Oslo" }, world);
    expect(booked.patch).toEqual([{ op: "add", path: "/flights", value: { "FLI-1001": { id: "FLI-1001", destination: "Oslo", status: "active" } } }]);
  });

  it("an unknown id is an error that changes nothing", () => {
    expect(toolEffect(tool("cancel_order"), { order_id: "ORD-4" }, world)).toMatchObject({ patch: [], error: { code: "NOT_FOUND" } });
  });
});
