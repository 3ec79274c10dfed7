import type { AnySchemaObject } from "ajv";
import { toolSchemaAjv } from "./tool-schema-ajv";

// Is this a JSON Schema ajv accepts? Checked against the meta-schema for
// every tool; compiled only when the schema has what the meta-schema cannot
// check ($ref targets, regular expressions), because a compile costs about a
// millisecond and an import of 20,000 tools must stay fast.

const draft07 = toolSchemaAjv({ use: "check-schemas" });
const draft2020 = toolSchemaAjv({ use: "check-schemas", dialect: "2020-12" });

const DRAFT_07 = /json-schema\.org\/draft-07\/schema/;
const DRAFT_2020 = /json-schema\.org\/draft\/2020-12\/schema/;

/** Whether ajv knows the dialect named by `$schema` (absent means draft-07). */
export function knownDialect(uri: unknown): boolean {
  return uri === undefined || (typeof uri === "string" && (DRAFT_07.test(uri) || DRAFT_2020.test(uri)));
}

/** null when `schema` is a JSON Schema ajv compiles, else why not. */
export function schemaProblem(schema: unknown): string | null {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return "the schema is not a JSON object";
  const uri = (schema as { $schema?: unknown }).$schema;
  if (!knownDialect(uri)) return `unsupported JSON Schema dialect ${JSON.stringify(uri)}`;
  const ajv = typeof uri === "string" && DRAFT_2020.test(uri) ? draft2020 : draft07;
  const obj = schema as AnySchemaObject;
  if (!ajv.validateSchema(obj)) return ajv.errorsText(ajv.errors, { dataVar: "schema" });
  const text = JSON.stringify(schema);
  if (text.includes('"$ref"') || text.includes('"pattern')) {
    try {
      ajv.compile({ ...obj, $id: undefined });
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    } finally {
      ajv.removeSchema();
    }
  }
  return null;
}
