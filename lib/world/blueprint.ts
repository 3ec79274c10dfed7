import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { valueAt, type World } from "./world";

// A task's blueprint: the end state the world must reach (assertions over
// JSON Pointers), the actions that must happen (tool and key arguments, in
// order when `ordered`), and the facts the agent must tell the user.

export const assertionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("equals"), path: z.string(), value: z.unknown() }),
  z.object({ kind: z.literal("exists"), path: z.string() }),
  z.object({ kind: z.literal("absent"), path: z.string() }),
  /** the number of entities in a collection */
  z.object({ kind: z.literal("count"), path: z.string(), value: z.number().int().min(0) }),
]);
export type Assertion = z.infer<typeof assertionSchema>;

export const requiredActionSchema = z.object({ tool: z.string().min(1), arguments: z.record(z.string(), z.unknown()).default({}) });
export type RequiredAction = z.infer<typeof requiredActionSchema>;

export const blueprintSchema = z.object({
  endState: z.array(assertionSchema).max(50),
  actions: z.array(requiredActionSchema).max(20),
  ordered: z.boolean().default(false),
  facts: z.array(z.string().min(1)).max(10).default([]),
});
export type Blueprint = z.infer<typeof blueprintSchema>;

export type Check = { id: string; passed: boolean; reason: string };

const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));

export function checkAssertion(world: World, a: Assertion): Check {
  const actual = valueAt(world, a.path);
  const id = `${a.kind} ${a.path}`;
  switch (a.kind) {
    case "equals":
      return { id, passed: isDeepStrictEqual(actual, a.value), reason: `${a.path} is ${show(actual)}, expected ${show(a.value)}` };
    case "exists":
      return { id, passed: actual !== undefined, reason: actual !== undefined ? `${a.path} exists` : `${a.path} does not exist` };
    case "absent":
      return { id, passed: actual === undefined, reason: actual === undefined ? `${a.path} is gone` : `${a.path} still exists` };
    case "count": {
      const n = actual && typeof actual === "object" ? Object.keys(actual).length : 0;
      return { id, passed: n === a.value, reason: `${a.path} holds ${n} entities, expected ${a.value}` };
    }
  }
}

export type MadeCall = { name: string; arguments: unknown };

const matches = (call: MadeCall, action: RequiredAction) => {
  if (call.name !== action.tool) return false;
  const args = (call.arguments ?? {}) as Record<string, unknown>;
  return Object.entries(action.arguments).every(
    ([k, v]) =>
      isDeepStrictEqual(args[k], v) || (typeof v === "string" && typeof args[k] === "string" && v.toLowerCase() === (args[k] as string).toLowerCase()),
  );
};

/** Each required action: was it made (with its key arguments, after the previous one when ordered)? */
export function checkActions(calls: MadeCall[], blueprint: Pick<Blueprint, "actions" | "ordered">): Check[] {
  let from = 0;
  return blueprint.actions.map((action, i) => {
    const id = `action ${i + 1}: ${action.tool}`;
    const args = JSON.stringify(action.arguments);
    const at = calls.findIndex((c, j) => (!blueprint.ordered || j >= from) && matches(c, action));
    if (at >= 0) {
      from = at + 1;
      return { id, passed: true, reason: `called ${action.tool} with ${args}` };
    }
    const anywhere = calls.some((c) => matches(c, action));
    const reason = anywhere
      ? `${action.tool} with ${args} was called, but not after the action before it`
      : calls.some((c) => c.name === action.tool)
        ? `${action.tool} was called, never with ${args}`
        : `${action.tool} was never called`;
    return { id, passed: false, reason };
  });
}

/** Each fact: did a reply to the user say it? */
export function checkFacts(replies: string[], facts: string[]): Check[] {
  const said = replies.join("\n").toLowerCase();
  return facts.map((fact, i) => {
    const passed = said.includes(fact.toLowerCase());
    return { id: `fact ${i + 1}`, passed, reason: passed ? `told the user "${fact}"` : `never told the user "${fact}"` };
  });
}
