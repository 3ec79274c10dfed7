import { z } from "zod";
import type { ChatMessage, JsonSchema } from "./types";

const jsonSchemas = new WeakMap<z.ZodType, JsonSchema>();

/** The JSON Schema the model must fill: the schema's input side, since zod parses what the model writes. */
export function jsonSchemaFor(schema: z.ZodType): JsonSchema {
  let json = jsonSchemas.get(schema);
  if (!json) {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    json = rest;
    jsonSchemas.set(schema, json);
  }
  return json;
}

/** json_schema names allow letters, digits, _ and - only, 64 at most. */
export function formatName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]+/g, "_").slice(0, 64) || "output";
}

/** For endpoints without json_schema support: the schema goes into the prompt instead. */
export function withJsonInstructions(messages: ChatMessage[], name: string, schema: JsonSchema): ChatMessage[] {
  const instructions =
    `Reply with one JSON value named "${name}" that validates against the JSON Schema below, ` +
    `and nothing else: no prose, no code fences.\n${JSON.stringify(schema)}`;
  const [first, ...rest] = messages;
  if (first?.role === "system") return [{ role: "system", content: `${first.content}\n\n${instructions}` }, ...rest];
  return [{ role: "system", content: instructions }, ...messages];
}

/** The JSON in a reply, tolerating what models wrap it in: think blocks, code fences, a sentence around it. */
export function extractJson(text: string): unknown {
  const cleaned = text
    .replace(/<think>[\s\S]*?<\/think>/g, "")
    .replace(/^\s*```(?:json)?\s*/i, "")
    .replace(/\s*```\s*$/, "")
    .trim();
  try {
    return JSON.parse(cleaned);
  } catch (error) {
    const start = cleaned.search(/[[{]/);
    const end = Math.max(cleaned.lastIndexOf("}"), cleaned.lastIndexOf("]"));
    if (start >= 0 && end > start) {
      try {
        return JSON.parse(cleaned.slice(start, end + 1));
      } catch {
        // fall through to the first error, which points at the real problem
      }
    }
    throw error;
  }
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: string };

export function validateOutput<S extends z.ZodType>(schema: S, text: string | null): Validation<z.output<S>> {
  if (!text?.trim()) return { ok: false, issues: "the reply was empty; a JSON value was expected" };
  let json: unknown;
  try {
    json = extractJson(text);
  } catch (e) {
    return { ok: false, issues: `the reply is not valid JSON (${(e as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: z.prettifyError(parsed.error) };
}

export function repairRequest(issues: string): ChatMessage {
  return {
    role: "user",
    content: `Your reply could not be used: ${issues}\nReply again with only the corrected JSON, fixing every problem listed.`,
  };
}

/**
 * The schema as strict json_schema output needs it (every property required,
 * no other properties), or null when it has optional properties: strict mode
 * would then force values the schema leaves out.
 */
export function strictSchema(schema: JsonSchema): JsonSchema | null {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node))
      out[key] =
        key === "properties" && value && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, visit(sub)]))
          : visit(value);
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if ((node as { type?: unknown }).type === "object" || properties) {
      const required = new Set((node as { required?: string[] }).required ?? []);
      if (Object.keys(properties ?? {}).some((name) => !required.has(name))) throw OPTIONAL;
      if ((node as { additionalProperties?: unknown }).additionalProperties === undefined) out.additionalProperties = false;
      else if ((node as { additionalProperties?: unknown }).additionalProperties !== false) throw OPTIONAL;
    }
    return out;
  };
  try {
    return visit(schema) as JsonSchema;
  } catch (e) {
    if (e === OPTIONAL) return null;
    throw e;
  }
}
const OPTIONAL = Symbol("not strict-compatible");
