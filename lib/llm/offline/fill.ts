import type { Rng } from "./rng";
import { numberValue, plainWord, stringValue } from "./values";
import { NO_HINTS, type FillHints } from "./words";

type Schema = Record<string, unknown>;
type Ctx = { root: Schema; rng: Rng; hints: FillHints; depth: number };

// Past this depth only what is required is filled, so recursive schemas end.
const MAX_DEPTH = 6;

const isSchema = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A value that validates against a JSON Schema (the subset zod's
 * `z.toJSONSchema` and tool specs use: types, enum, const, required, formats,
 * bounds, anyOf/oneOf/allOf, $ref), built from the hint words so it reads
 * plausibly. Deterministic for a given rng state.
 */
export function fillFromJsonSchema(schema: unknown, rng: Rng, hints: FillHints = NO_HINTS): unknown {
  return fill(schema, { root: isSchema(schema) ? schema : {}, rng, hints, depth: 0 }, "");
}

function pointer(root: Schema, ref: string): unknown {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return {};
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) {
    node = isSchema(node) ? node[decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  }
  return node ?? {};
}

function resolve(schema: Schema, root: Schema, seen = 0): Schema {
  if (typeof schema.$ref !== "string" || seen > 20) return schema;
  const { $ref, ...rest } = schema;
  const target = pointer(root, $ref as string);
  return resolve({ ...(isSchema(target) ? target : {}), ...rest }, root, seen + 1);
}

function mergeAll(parts: unknown[], root: Schema): Schema {
  const merged: Schema = {};
  for (const part of parts) {
    if (!isSchema(part)) continue;
    const s = resolve(part, root);
    const properties = { ...(merged.properties as Schema | undefined), ...(s.properties as Schema | undefined) };
    const required = [...((merged.required as string[]) ?? []), ...((s.required as string[]) ?? [])];
    Object.assign(merged, s, { properties, required });
  }
  return merged;
}

const isNull = (s: unknown) => isSchema(s) && (s.type === "null" || s.const === null);

function typeOf(s: Schema, rng: Rng): string {
  if (typeof s.type === "string") return s.type;
  if (Array.isArray(s.type) && s.type.length) {
    const real = s.type.filter((t) => t !== "null");
    return rng.pick(real.length ? real : s.type) as string;
  }
  if (s.properties || s.additionalProperties || s.required) return "object";
  if (s.items || s.prefixItems) return "array";
  if (s.minimum !== undefined || s.maximum !== undefined || s.multipleOf !== undefined) return "number";
  return "string";
}

function fill(schema: unknown, ctx: Ctx, key: string): unknown {
  if (schema === false) return null;
  if (!isSchema(schema)) return plainWord(ctx.rng, ctx.hints);
  let s = resolve(schema, ctx.root);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return ctx.rng.pick(s.enum);
  if (Array.isArray(s.allOf)) {
    const { allOf, ...rest } = s;
    s = mergeAll([rest, ...allOf], ctx.root);
  }
  const options = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(options) && options.length) {
    const real = options.filter((o) => !isNull(isSchema(o) ? resolve(o, ctx.root) : o));
    return fill(ctx.rng.pick(real.length ? real : options), ctx, key);
  }
  switch (typeOf(s, ctx.rng)) {
    case "object":
      return fillObject(s, ctx, key);
    case "array":
      return fillArray(s, ctx, key);
    case "integer":
      return numberValue(s, key, true, ctx.rng);
    case "number":
      return numberValue(s, key, false, ctx.rng);
    case "boolean":
      return ctx.rng.chance(0.5);
    case "null":
      return null;
    default:
      return stringValue(s, key, ctx.rng, ctx.hints);
  }
}

const deeper = (ctx: Ctx): Ctx => ({ ...ctx, depth: ctx.depth + 1 });

function singular(path: string): string {
  const key = path.slice(path.lastIndexOf(".") + 1);
  if (key.endsWith("ies")) return `${key.slice(0, -3)}y`;
  if (key.endsWith("s") && !key.endsWith("ss")) return key.slice(0, -1);
  return key;
}

function fillArray(s: Schema, ctx: Ctx, key: string): unknown[] {
  const min = typeof s.minItems === "number" ? s.minItems : 0;
  const max = typeof s.maxItems === "number" ? s.maxItems : Infinity;
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? (s.items as unknown[]) : [];
  const itemSchema = Array.isArray(s.items) ? s.additionalItems : s.items;
  const out: unknown[] = prefix.map((p) => fill(p, deeper(ctx), singular(key)));
  if (prefix.length && itemSchema === undefined) return out;
  if (itemSchema === false) return out;
  const wanted = ctx.depth >= MAX_DEPTH ? min : Math.min(max, Math.max(min, ctx.rng.int(1, 3)));
  const seen = new Set(out.map((v) => JSON.stringify(v)));
  for (let tries = 0; out.length < wanted && tries < wanted * 6; tries++) {
    const value = fill(itemSchema, deeper(ctx), singular(key));
    const id = JSON.stringify(value);
    if (s.uniqueItems && seen.has(id)) continue;
    seen.add(id);
    out.push(value);
  }
  return out;
}

/** Keys carry their parent ("parameters.name"), which tells what kind of name to make. */
function childKey(parent: string, name: string): string {
  return `${parent.slice(parent.lastIndexOf(".") + 1)}.${name}`;
}

function fillObject(s: Schema, ctx: Ctx, key: string): Record<string, unknown> {
  const properties = isSchema(s.properties) ? s.properties : {};
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const out: Record<string, unknown> = {};
  const optionalChance = ctx.depth >= MAX_DEPTH ? 0 : ctx.depth >= 3 ? 0.25 : 0.6;
  for (const [name, sub] of Object.entries(properties)) {
    if (required.has(name) || ctx.rng.chance(optionalChance)) out[name] = fill(sub, deeper(ctx), childKey(key, name));
  }
  for (const name of required) if (!(name in out)) out[name] = plainWord(ctx.rng, ctx.hints);
  const extra = isSchema(s.additionalProperties) ? s.additionalProperties : s.additionalProperties === false ? null : undefined;
  const minProps = typeof s.minProperties === "number" ? s.minProperties : 0;
  let wanted = Object.keys(properties).length === 0 && extra ? ctx.rng.int(1, 2) : 0;
  wanted = Math.max(wanted, minProps - Object.keys(out).length);
  for (let i = 0; i < wanted * 4 && wanted > 0 && extra !== null; i++) {
    const name = plainWord(ctx.rng, ctx.hints).replace(/[^a-z0-9]/gi, "_");
    if (name in out) continue;
    out[name] = extra ? fill(extra, deeper(ctx), childKey(key, name)) : plainWord(ctx.rng, ctx.hints);
    wanted--;
  }
  return out;
}
