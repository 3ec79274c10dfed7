import { knownDialect, schemaProblem } from "../schema-check";
import { toolSpecSchema, type Normalization, type ToolSpec } from "../spec";
import { normalizeInputSchema, normalizeOutputSchema } from "./normalize-schema";
import { toFunctionName } from "./normalize-name";
import { isToolBenchApi, toolBenchName, toolBenchParameters } from "./toolbench";

// One tool definition in any shape the catalogue reads (MCP tool, OpenAI
// `{type:"function", function}`, bare `{name, description, parameters}`,
// Anthropic `input_schema`, BFCL, ToolBench APIs) made a ToolSpec, or
// rejected with a reason. Keys the spec has no field for (MCP `execution`,
// `_meta`, `icons`, OpenAI `strict`, ToolBench `url`/`method`...) are kept in
// `extra` as written.

export type EntryResult = { ok: true; spec: ToolSpec; normalizations: Normalization[] } | { ok: false; reason: string; name?: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const INPUT_KEYS = ["inputSchema", "input_schema", "parameters", "params", "arguments", "args"];
/** Where files put what a tool returns: MCP, snake case, BFCL/API-Bank style, docstring style, ToolBench queries. */
const OUTPUT_KEYS = ["outputSchema", "output_schema", "response", "returns", "template_response"];
/** Keys read into the spec's own fields; every other key of a definition is kept in `extra`. */
const READ_KEYS = new Set(["name", "title", "description", "annotations", "api_name", "api_description", "required_parameters", "optional_parameters"]);

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

  const toolBench = isToolBenchApi(def);
  const rawName = text(toolBench ? (def.api_name ?? def.name) : def.name);
  if (!rawName) {
    const keys = Object.keys(def).slice(0, 6).join(", ");
    return { ok: false, reason: `no tool name (expected "name"; found ${keys ? `keys ${keys}` : "an empty object"})` };
  }
  const toolBenchTool = toolBench ? text(def.tool_name) : undefined;
  const wanted = toolBench ? toolBenchName(rawName, toolBenchTool) : rawName;
  const name = toFunctionName(wanted);
  if (!name) return { ok: false, name: rawName, reason: `name "${rawName}" has no letters or digits usable in a function name` };
  if (toolBench && name !== rawName)
    note("name", `ToolBench API "${rawName}"${toolBenchTool ? ` of "${toolBenchTool}"` : ""} named "${name}" as ToolBench names it`);
  else if (name !== rawName) note("name", `"${rawName}" renamed "${name}" (function names allow only a-z, A-Z, 0-9, _ and -, at most 64)`);

  const title = text(def.title) ?? (isObj(def.annotations) ? text(def.annotations.title) : undefined);
  let description = text(def.description);
  if (!description && toolBench) description = text(def.api_description) ?? description;
  if (description === undefined && def.description !== undefined && def.description !== null) {
    description = JSON.stringify(def.description);
    note("description", "description made text");
  }
  if (!description && title) {
    description = title;
    note("description", "empty description: the title used instead");
  }

  const inputKey = toolBench ? undefined : INPUT_KEYS.find((k) => def[k] !== undefined);
  const rawInput = toolBench ? toolBenchParameters(def) : inputKey ? def[inputKey] : undefined;
  const input = normalizeInputSchema(rawInput, note);
  if ("error" in input) return { ok: false, name, reason: input.error };
  dropUnknownDialect(input.schema, "inputSchema", note);
  const problem = schemaProblem(input.schema);
  if (problem) return { ok: false, name, reason: `input schema is not valid JSON Schema: ${problem}` };

  const extra: Obj = {};
  for (const [k, v] of Object.entries(def)) if (!READ_KEYS.has(k) && k !== inputKey && !(k === "type" && v === "function")) extra[k] = v;

  const outputKey = OUTPUT_KEYS.find((k) => def[k] !== undefined && def[k] !== null && def[k] !== "");
  let outputSchema = normalizeOutputSchema(outputKey ? def[outputKey] : undefined, note, outputKey);
  dropUnknownDialect(outputSchema, "outputSchema", note);
  const outputProblem = outputSchema && schemaProblem(outputSchema);
  if (outputProblem) {
    note("outputSchema", `output schema not used, not valid JSON Schema (kept as written in extra.${outputKey}): ${outputProblem}`);
    outputSchema = undefined;
  }
  if (outputKey && outputSchema) delete extra[outputKey];

  let annotations = def.annotations;
  if (annotations === null) annotations = undefined;
  else if (annotations !== undefined && !isObj(annotations)) {
    note("annotations", "annotations that are not an object not used (kept as written in extra.annotations)");
    extra.annotations = annotations;
    annotations = undefined;
  }

  const spec = toolSpecSchema.parse({
    name,
    ...(title ? { title } : {}),
    description: description ?? "",
    inputSchema: input.schema,
    ...(outputSchema ? { outputSchema } : {}),
    ...(annotations ? { annotations } : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
  });
  return { ok: true, spec, normalizations };
}
