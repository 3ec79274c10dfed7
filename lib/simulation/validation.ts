import type { ValidateFunction } from "ajv";
import { toolSchemaAjv } from "../catalog/tool-schema-ajv";

// Tool arguments and simulated results are checked against the tools' JSON
// Schemas with ajv (patterns matched in linear time, see tool-schema-ajv.ts).
// Compiled validators are cached by schema text.

const ajv = toolSchemaAjv({ allErrors: true });
const cache = new Map<string, ValidateFunction | null>();
const MAX_CACHED = 5_000;

function compile(schema: unknown): ValidateFunction | null {
  const key = JSON.stringify(schema ?? {});
  let fn = cache.get(key);
  if (fn === undefined) {
    try {
      fn = ajv.compile(schema as object);
    } catch {
      fn = null; // a schema ajv cannot read constrains nothing
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, fn);
  }
  return fn;
}

/** null when `value` satisfies `schema`, else a short message listing the problems. */
export function schemaErrors(schema: unknown, value: unknown): string | null {
  const validate = compile(schema);
  if (!validate || validate(value)) return null;
  return (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`,
    )
    .join("; ");
}
