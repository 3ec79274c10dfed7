import { describe, expect, it } from "vitest";
import { worldsAround } from "./world-around";
import { buildWorldView } from "./world-view";

const initial = { orders: { "ORD-1001": { id: "ORD-1001", status: "active", total: 40 } } };
const cancel = [{ op: "replace" as const, path: "/orders/ORD-1001/status", value: "cancelled" }];
const note = [{ op: "add" as const, path: "/orders/ORD-1001/note", value: "gift" }];

describe("the world as the viewer shows it", () => {
  it("keeps one world per change and tells what each step changed, with the value on either side", () => {
    const view = buildWorldView(initial, [null, null, cancel, null, note], null)!;
    expect(view.worlds).toHaveLength(3);
    expect(view.before).toEqual([0, 0, 0, 1, 1, 2]);
    expect(view.changes).toEqual({
      2: [{ op: "replace", path: "/orders/ORD-1001/status", before: "active", after: "cancelled" }],
      4: [{ op: "add", path: "/orders/ORD-1001/note", before: undefined, after: "gift" }],
    });
    expect(worldsAround(view, 2).before).toEqual(initial);
    expect(worldsAround(view, 2).after).toMatchObject({ orders: { "ORD-1001": { status: "cancelled" } } });
    expect(worldsAround(view, 3).before).toBe(worldsAround(view, 3).after);
    expect(view.expected).toBeNull();
    expect(buildWorldView(null, [cancel], null)).toBeNull();
  });

  it("a patch that changes nothing (a test operation) is no change; a patch that no longer applies is reported and changes nothing after it", () => {
    const view = buildWorldView(
      initial,
      [[{ op: "test", path: "/orders/ORD-1001/status", value: "active" }], [{ op: "remove", path: "/orders/ORD-9" }], cancel],
      null,
    )!;
    expect(view.changes).toEqual({});
    expect(view.worlds).toEqual([initial]);
    expect(view.error).toMatch(/step 2 does not apply/); // the second step, counted from 1 as the viewer counts
  });

  it("sets the blueprint's end state beside the final world, assertion by assertion", () => {
    const blueprint = {
      endState: [
        { kind: "equals", path: "/orders/ORD-1001/status", value: "cancelled" },
        { kind: "equals", path: "/orders/ORD-1001/total", value: 0 },
        { kind: "exists", path: "/orders/ORD-1001/note" },
        { kind: "absent", path: "/orders/ORD-1001" },
        { kind: "count", path: "/orders", value: 1 },
      ],
      actions: [],
    };
    const view = buildWorldView(initial, [cancel], blueprint)!;
    expect(view.expected?.map((r) => [r.kind, r.expected, r.actual, r.passed])).toEqual([
      ["equals", "cancelled", "cancelled", true],
      ["equals", 0, 40, false],
      ["exists", "exists", undefined, false],
      ["absent", "absent", { id: "ORD-1001", status: "cancelled", total: 40 }, false],
      ["count", 1, 1, true],
    ]);
    expect(buildWorldView(initial, [], { endState: "not a list" })?.expected).toBeNull();
  });
});
