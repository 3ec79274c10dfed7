import { z } from "zod";
import { jsonSchemaObject, type ToolSpec } from "../../trajectory/types";
import { describeIssues, RecordError } from "./errors";

const emptyParameters = () => ({ type: "object", properties: {} });

const bareTool = z
  .looseObject({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: jsonSchemaObject.nullish(),
    // other vendors' and MCP's spellings of the same schema
    input_schema: jsonSchemaObject.nullish(),
    inputSchema: jsonSchemaObject.nullish(),
  })
  .transform((t): ToolSpec => ({
    name: t.name,
    description: t.description ?? "",
    parameters: t.parameters ?? t.input_schema ?? t.inputSchema ?? emptyParameters(),
  }));
const wrappedTool = z.looseObject({ type: z.string().optional(), function: bareTool }).transform((t) => t.function);
const toolListSchema = z.array(z.union([wrappedTool, bareTool]));

/**
 * A record's tool declarations in any of the shapes files use: OpenAI's
 * `{type:"function", function:{…}}`, bare `{name, description, parameters}`
 * (legacy `functions`, ShareGPT), or either as a JSON string.
 */
export function parseToolList(value: unknown, field = "tools"): ToolSpec[] {
  if (value === undefined || value === null || value === "") return [];
  let list = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      throw new RecordError(`${field} is a string but not JSON`);
    }
  }
  const parsed = toolListSchema.safeParse(list);
  if (!parsed.success) throw new RecordError(`${field}: ${describeIssues(parsed.error)}`);
  const specs = new Map<string, ToolSpec>();
  for (const spec of parsed.data) if (!specs.has(spec.name)) specs.set(spec.name, spec);
  return [...specs.values()];
}

/** The tools a record declares: those a trajectory was offered, not the ones inferred from calls to undeclared tools. */
export function declaredTools(tools: ToolSpec[]): ToolSpec[] {
  return tools.filter((t) => !t.undeclared);
}

export function functionTool(spec: ToolSpec) {
  return { type: "function" as const, function: bareFunction(spec) };
}

export function bareFunction(spec: ToolSpec) {
  return { name: spec.name, description: spec.description, parameters: spec.parameters };
}

/**
 * A spec for a tool a trajectory called but never declared, its parameters
 * inferred from the arguments it was called with so the tool is usable later.
 */
export function undeclaredTool(name: string, argumentSamples: unknown[]): ToolSpec {
  const properties: Record<string, { type?: string }> = {};
  for (const args of argumentSamples) {
    if (!args || typeof args !== "object" || Array.isArray(args)) continue;
    for (const [key, v] of Object.entries(args)) {
      const type = jsonType(v);
      const seen = properties[key];
      properties[key] = !seen ? (type ? { type } : {}) : seen.type === type ? seen : {};
    }
  }
  return { name, description: "", parameters: { type: "object", properties }, undeclared: true };
}

function jsonType(v: unknown): string | undefined {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (Number.isInteger(v)) return "integer";
  const t = typeof v;
  return t === "string" || t === "number" || t === "boolean" || t === "object" ? t : undefined;
}
