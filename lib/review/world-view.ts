import { blueprintSchema, checkAssertion, type Assertion } from "../world/blueprint";
import { applyWorldPatch, valueAt, worldDiff, type World, type WorldPatch } from "../world/world";
import { stepNumber } from "../trajectory/step-number";

// The simulated world as the trajectory page shows it: the world before and
// after each step (each distinct world stored once), what each step changed
// as rows of path / before / after, and the task's expected end state beside
// the final world. Pure: the viewer's panel renders it as it is.

export type WorldChange = { op: "add" | "remove" | "replace"; path: string; before: unknown; after: unknown };

export type ExpectedRow = {
  kind: Assertion["kind"];
  path: string;
  /** what the blueprint asks for at the path */
  expected: unknown;
  /** what the final world holds there (for a count, the number of entities) */
  actual: unknown;
  passed: boolean;
  reason: string;
};

export type WorldView = {
  /** the distinct worlds in order; worlds[0] is the one the episode started from */
  worlds: World[];
  /** before[i]: the index in `worlds` of the world before step i; before[steps] is the final world */
  before: number[];
  /** the changes each step made, by step index (steps that changed nothing are absent) */
  changes: Record<number, WorldChange[]>;
  /** the blueprint's end state against the final world; null when the task has no usable blueprint */
  expected: ExpectedRow[] | null;
  /** a stored patch that no longer applies: the worlds after it are the last one that did */
  error: string | null;
};

/** Each operation that turns `before` into `after`, with the value on either side. */
export function worldChanges(before: World, after: World): WorldChange[] {
  return worldDiff(before, after).flatMap((op) =>
    op.op === "add" || op.op === "remove" || op.op === "replace"
      ? [{ op: op.op, path: op.path, before: valueAt(before, op.path), after: valueAt(after, op.path) }]
      : [],
  );
}

function expectedRow(world: World, a: Assertion): ExpectedRow {
  const check = checkAssertion(world, a);
  const at = valueAt(world, a.path);
  const actual = a.kind === "count" ? (at && typeof at === "object" ? Object.keys(at).length : 0) : at;
  const expected = a.kind === "equals" || a.kind === "count" ? a.value : a.kind === "exists" ? "exists" : "absent";
  return { kind: a.kind, path: a.path, expected, actual, passed: check.passed, reason: check.reason };
}

/** The world view of an episode that started from `initial` and whose steps carry `patches`; null without a world. */
export function buildWorldView(
  initial: World | null | undefined,
  patches: readonly (WorldPatch | null | undefined)[],
  blueprintJson: unknown,
): WorldView | null {
  if (!initial) return null;
  const worlds: World[] = [initial];
  const before: number[] = [0];
  const changes: Record<number, WorldChange[]> = {};
  let error: string | null = null;
  for (const [i, patch] of patches.entries()) {
    const current = worlds[worlds.length - 1];
    if (patch?.length && !error) {
      const r = applyWorldPatch(current, patch);
      if (!r.ok) error = `the world patch of step ${stepNumber(i)} does not apply: ${r.reason}`;
      else {
        const changed = worldChanges(current, r.world);
        if (changed.length) {
          changes[i] = changed;
          worlds.push(r.world);
        }
      }
    }
    before.push(worlds.length - 1);
  }
  const blueprint = blueprintJson == null ? null : blueprintSchema.safeParse(blueprintJson);
  const final = worlds[worlds.length - 1];
  const expected = blueprint?.success ? blueprint.data.endState.map((a) => expectedRow(final, a)) : null;
  return { worlds, before, changes, expected, error };
}
