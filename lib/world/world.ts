import fastJsonPatch, { type Operation } from "fast-json-patch";
import { z } from "zod";

// The simulated world of an episode: a JSON document of collections of
// entities keyed by id ({ orders: { "ORD-1001": {...} } }), changed only by
// RFC 6902 patches that the tool simulator returns with each result.

const { applyPatch, compare, deepClone, validate } = fastJsonPatch;

export const worldSchema = z.record(z.string(), z.unknown());
export type World = z.infer<typeof worldSchema>;

export const patchOperationSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("replace"), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("remove"), path: z.string() }),
  z.object({ op: z.literal("move"), path: z.string(), from: z.string() }),
  z.object({ op: z.literal("copy"), path: z.string(), from: z.string() }),
  z.object({ op: z.literal("test"), path: z.string(), value: z.unknown() }),
]);
export const worldPatchSchema = z.array(patchOperationSchema).max(200);
export type WorldPatch = z.infer<typeof worldPatchSchema>;

export type PatchOutcome = { ok: true; world: World } | { ok: false; reason: string };

/**
 * The world after `patch`, or why the patch cannot apply: it is malformed,
 * replaces the whole world, names a path that does not exist, or leaves
 * something that is not a world. The input world is never changed.
 */
export function applyWorldPatch(world: World, patch: unknown): PatchOutcome {
  const parsed = worldPatchSchema.safeParse(patch);
  if (!parsed.success) return { ok: false, reason: `the patch is not an RFC 6902 patch: ${parsed.error.issues[0]?.message}` };
  const ops = parsed.data;
  const root = ops.find((o) => o.path === "" || o.path === "/");
  if (root) return { ok: false, reason: `operation ${root.op} on the world's root is not allowed` };
  const error = validate(ops as Operation[], world);
  if (error) {
    const at = error.index ?? 0;
    return { ok: false, reason: `operation ${at + 1} (${ops[at]?.op} ${ops[at]?.path}) does not apply: ${error.name}` };
  }
  try {
    const next = applyPatch(deepClone(world), ops as Operation[], true, false).newDocument;
    const checked = worldSchema.safeParse(next);
    if (!checked.success) return { ok: false, reason: "the patched world is not a JSON object" };
    return { ok: true, world: checked.data };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
}

/** The world after each of `patches` in turn; a stored patch that no longer applies is a broken record. */
export function worldAfter(initial: World, patches: readonly (WorldPatch | null | undefined)[]): World {
  let world = initial;
  for (const [i, patch] of patches.entries()) {
    if (!patch?.length) continue;
    const r = applyWorldPatch(world, patch);
    if (!r.ok) throw new Error(`stored world patch ${i + 1} does not apply: ${r.reason}`);
    world = r.world;
  }
  return world;
}

/** The operations that turn `before` into `after` (for showing a change). */
export function worldDiff(before: World, after: World): WorldPatch {
  return compare(before, after) as WorldPatch;
}

/** The value at a JSON Pointer, or undefined when there is none. */
export function valueAt(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let node: unknown = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function pointerOf(...parts: string[]): string {
  return parts.map((p) => `/${p.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
