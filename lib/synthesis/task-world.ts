import { createRng as createFillRng, fillFromJsonSchema } from "../llm/offline";
import { checkAssertion, type Assertion, type Blueprint, type RequiredAction } from "../world/blueprint";
import { collectionOf, effectOf, fieldsOf, idArgument, idPrefix, nounOf, toolEffect, type ToolLike } from "../world/effects";
import { applyWorldPatch, pointerOf, type World } from "../world/world";
import type { TaskPlan } from "./task-plan";

// A tool-use task's world and blueprint, built from the agent's tools and the
// task's plan, deterministically from the seed: a few entities per collection
// the tools act on (fields from the tools' schemas), the required calls with
// the ids they act on, the end state those calls imply and the facts a read
// must pass on to the user.

export type WorldTool = ToolLike & { role: "core" | "distractor"; outputSchema?: Record<string, unknown> | null };
export type TaskWorld = { world: World; blueprint: Blueprint; givenIds: string[] };

const ENTITIES = 3;
const isScalarSchema = (s: unknown) => !!s && typeof s === "object" && ["string", "number", "integer", "boolean"].includes((s as { type?: string }).type ?? "");
const propsOf = (schema: unknown) => ((schema as { properties?: Record<string, unknown> } | null)?.properties ?? {}) as Record<string, unknown>;

export function buildTaskWorld(tools: WorldTool[], plan: Pick<TaskPlan, "required" | "ordered">, seed: number): TaskWorld | null {
  if (plan.required.length === 0) return null;
  const rng = createFillRng(seed);
  const core = tools.filter((t) => t.role === "core");
  const world: World = {};
  for (const tool of core) {
    const collection = collectionOf(tool);
    const noun = nounOf(tool);
    const fields = Object.entries({ ...propsOf(tool.outputSchema), ...propsOf(tool.parameters) }).filter(
      ([k, s]) => isScalarSchema(s) && k !== idArgument(tool) && k !== "id" && k !== "status",
    );
    const entities = (world[collection] ?? {}) as Record<string, Record<string, unknown>>;
    for (let n = 0; n < ENTITIES; n++) {
      const id = `${idPrefix(noun)}-${1001 + n}`;
      const entity = entities[id] ?? { id, status: "active" };
      for (const [k, s] of fields) if (!(k in entity)) entity[k] = fillFromJsonSchema(s, rng);
      entities[id] = entity;
    }
    world[collection] = entities;
  }

  let current = world;
  const actions: RequiredAction[] = [];
  const endState: Assertion[] = [];
  const facts: string[] = [];
  const givenIds: string[] = [];
  for (const name of plan.required) {
    const tool = tools.find((t) => t.name === name);
    if (!tool) return null;
    const args = { ...((fillFromJsonSchema(tool.parameters ?? {}, rng) as Record<string, unknown>) ?? {}) };
    const idName = idArgument(tool);
    const effect = effectOf(tool);
    const collection = collectionOf(tool);
    if (idName) {
      // the entity the call acts on; for a creating call, the one it refers to
      const target = effect === "create" ? collectionOf({ name: `x_${idName.replace(/_?id$/i, "")}` }) : collection;
      const ids = Object.keys((current[target] ?? {}) as object);
      if (ids.length) args[idName] = ids[Math.floor(rng.next() * ids.length)];
    }
    const effected = toolEffect(tool, args, current);
    const key: Record<string, unknown> = {};
    if (idName && typeof args[idName] === "string") {
      key[idName] = args[idName];
      givenIds.push(args[idName] as string);
    }
    if (effect === "update" || effect === "create") Object.assign(key, fieldsOf(tool, args));
    actions.push({ tool: name, arguments: key });
    const entityId = idName && effect !== "create" ? (args[idName] as string) : (effected.entity?.id as string | undefined);
    if (effect === "read" && effected.entity) {
      const fact = Object.entries(effected.entity).find(([k, v]) => k !== "id" && k !== "status" && typeof v === "string" && v.length >= 3);
      if (fact) facts.push(fact[1] as string);
    } else if (effect === "cancel" && entityId) endState.push({ kind: "equals", path: pointerOf(collection, entityId, "status"), value: "cancelled" });
    else if (effect === "delete" && entityId) endState.push({ kind: "absent", path: pointerOf(collection, entityId) });
    else if (effect === "create")
      endState.push({ kind: "count", path: pointerOf(collection), value: Object.keys((current[collection] ?? {}) as object).length + 1 });
    else if (effect === "update" && entityId)
      for (const [k, v] of Object.entries(fieldsOf(tool, args))) endState.push({ kind: "equals", path: pointerOf(collection, entityId, k), value: v });
    const applied = applyWorldPatch(current, effected.patch);
    if (applied.ok) current = applied.world;
  }
  return { world, blueprint: { endState, actions, ordered: plan.ordered, facts }, givenIds: [...new Set(givenIds)] };
}

/**
 * The values the blueprint's actions must be called with, other than the ids
 * (given separately), that the instruction does not state: without them no
 * agent could reach the expected end state.
 */
export function missingDetails(blueprint: Blueprint, givenIds: string[], instruction: string): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const action of blueprint.actions) {
    for (const [k, v] of Object.entries(action.arguments)) {
      if (typeof v === "string" ? givenIds.includes(v) || instruction.includes(v) : !["number", "boolean"].includes(typeof v)) continue;
      out[k] = v as string | number | boolean;
    }
  }
  return out;
}

export type ExecuteAction = (action: RequiredAction, world: World) => Promise<{ patch: unknown; error: string | null }>;

/**
 * Why a blueprint does not reach its own end state when its actions run
 * against the initial world (through the tool simulator), or [] when it does.
 */
export async function blueprintProblems(world: World, blueprint: Blueprint, execute: ExecuteAction): Promise<string[]> {
  let current = world;
  for (const [i, action] of blueprint.actions.entries()) {
    const r = await execute(action, current);
    if (r.error) return [`action ${i + 1} (${action.tool}) failed: ${r.error}`];
    const applied = applyWorldPatch(current, r.patch ?? []);
    if (!applied.ok) return [`action ${i + 1} (${action.tool}) changed the world in a way that does not apply: ${applied.reason}`];
    current = applied.world;
  }
  return blueprint.endState
    .map((a) => checkAssertion(current, a))
    .filter((c) => !c.passed)
    .map((c) => `end state not reached: ${c.reason}`);
}
