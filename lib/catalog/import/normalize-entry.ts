import { knownDialect, schemaProblem } from "../schema-check";
import { toolSpecSchema, type Normalization, type ToolSpec } from "../spec";
import { normalizeInputSchema, normalizeOutputSchema } from "./normalize-schema";
import { toFunctionName } from "./normalize-name";

// One tool definition in any shape the catalogue reads (MCP tool, OpenAI
// `{type:"function", function}`, bare `{name, description, parameters}`,
// Anthropic `input_schema`) made a ToolSpec, or rejected with a reason.

export type EntryResult =
  | { ok: true; spec: ToolSpec; normalizations: Normalization[] }
  | { ok: false; reason: string; name?: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const INPUT_KEYS = ["inputSchema", "input_schema", "parameters", "params", "arguments", "args"];

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  return undefined;
}

function dropUnknownDialect(schema: Obj | undefined, path: string, note: (p: string, m: string) => void): void {
  if (schema && !knownDialect(schema.$schema)) {
    note(`${path}.$schema`, `unsupported dialect ${JSON.stringify(schema.$schema)} dropped (read as draft-07)`);
    delete schema.$schema;
  }
}

export function normalizeEntry(raw: unknown): EntryResult {
  if (!isObj(raw)) return { ok: false, reason: `not a tool definition: ${JSON.stringify(raw)?.slice(0, 60)}` };
  const def: Obj = raw.type === "function" && isObj(raw.function) ? raw.function : raw;
  const normalizations: Normalization[] = [];
  const note = (path: string, message: string) => normalizations.push({ path, message });

  const rawName = text(def.name);
  if (!rawName) {
    const keys = Object.keys(def).slice(0, 6).join(", ");
    return { ok: false, reason: `no tool name (expected "name"; found ${keys ? `keys ${keys}` : "an empty object"})` };
  }
  const name = toFunctionName(rawName);
  if (!name) return { ok: false, name: rawName, reason: `name "${rawName}" has no letters or digits usable in a function name` };
  if (name !== rawName) note("name", `"${rawName}" renamed "${name}" (function names allow only a-z, A-Z, 0-9, _ and -, at most 64)`);

  const title = text(def.title) ?? (isObj(def.annotations) ? text(def.annotations.title) : undefined);
  let description = text(def.description);
  if (description === undefined && def.description !== undefined && def.description !== null) {
    description = JSON.stringify(def.description);
    note("description", "description made text");
  }
  if (!description && title) {
    description = title;
    note("description", "empty description: the title used instead");
  }

  const inputKey = INPUT_KEYS.find((k) => def[k] !== undefined);
  const input = normalizeInputSchema(inputKey ? def[inputKey] : undefined, note);
  if ("error" in input) return { ok: false, name, reason: input.error };
  dropUnknownDialect(input.schema, "inputSchema", note);
  const problem = schemaProblem(input.schema);
  if (problem) return { ok: false, name, reason: `input schema is not valid JSON Schema: ${problem}` };

  let outputSchema = normalizeOutputSchema(def.outputSchema ?? def.output_schema, note);
  dropUnknownDialect(outputSchema, "outputSchema", note);
  const outputProblem = outputSchema && schemaProblem(outputSchema);
  if (outputProblem) {
    note("outputSchema", `output schema dropped, not valid JSON Schema: ${outputProblem}`);
    outputSchema = undefined;
  }

  let annotations = def.annotations;
  if (annotations !== undefined && !isObj(annotations)) {
    note("annotations", "annotations that are not an object dropped");
    annotations = undefined;
  }

  const spec = toolSpecSchema.parse({
    name,
    ...(title ? { title } : {}),
    description: description ?? "",
    inputSchema: input.schema,
    ...(outputSchema ? { outputSchema } : {}),
    ...(annotations ? { annotations } : {}),
  });
  return { ok: true, spec, normalizations };
}
