import type { ValidateFunction } from "ajv";
import { toolSchemaAjv } from "../catalog/tool-schema-ajv";
import { canonicalJson } from "../llm/hash";

// One Ajv for the process; a tool's schema is compiled the first time it is
// seen and reused for every later call (10,000 trajectories share a few
// hundred tools). Patterns match in linear time (see tool-schema-ajv.ts).
const ajv = toolSchemaAjv({ allErrors: true });
const MAX_CACHED = 5_000;
const cache = new Map<string, ValidateFunction | { compileError: string }>();

export type ArgumentCheck = { valid: true } | { valid: false; errors: string[] } | { valid: null; schemaError: string };

function compiled(schema: Record<string, unknown>) {
  const key = canonicalJson(schema);
  let entry = cache.get(key);
  if (!entry) {
    try {
      // $schema may name a draft this Ajv does not load, and a shared $id would
      // clash across versions of one tool: neither changes what is valid here.
      const { $schema: _draft, $id: _id, ...body } = schema;
      entry = ajv.compile(body);
    } catch (e) {
      entry = { compileError: e instanceof Error ? e.message : String(e) };
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
  }
  return entry;
}

/** Validates a tool call's arguments against the tool's JSON Schema; a schema Ajv cannot compile gives `valid: null`. */
export function checkArguments(schema: Record<string, unknown>, args: unknown): ArgumentCheck {
  const validate = compiled(schema);
  if ("compileError" in validate) return { valid: null, schemaError: validate.compileError };
  if (validate(args)) return { valid: true };
  return {
    valid: false,
    errors: (validate.errors ?? []).map((e) => `${e.instancePath || "(arguments)"} ${e.message ?? "is invalid"}`.trim()),
  };
}

export function compiledSchemaCount(): number {
  return cache.size;
}
