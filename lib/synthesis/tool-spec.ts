import { z } from "zod";
import type { ToolSpec } from "../catalog/spec";

// What the generator is asked for. Parameters come as a flat list rather than
// a free-form JSON Schema: strict structured output and the offline provider
// both fill a fixed shape reliably, and real tools rarely nest deeper. The
// list is turned into JSON Schema here, so every synthetic tool's schema is
// valid by construction and the quality filter judges its content.

const valueTypes = ["string", "number", "integer", "boolean", "array", "object"] as const;

export const generatedParameterSchema = z.object({
  name: z.string().min(1).max(64),
  type: z.enum(valueTypes),
  description: z.string().min(1).max(400),
  required: z.boolean(),
  /** element type when type is array */
  itemsType: z.enum(["string", "number", "integer", "boolean", "object"]).nullable(),
});

export const generatedFieldSchema = z.object({
  name: z.string().min(1).max(64),
  type: z.enum(valueTypes),
  description: z.string().min(1).max(400),
});

export const errorCaseSchema = z.object({
  code: z.string().min(1).max(64),
  description: z.string().min(1).max(400),
});
export type ErrorCase = z.infer<typeof errorCaseSchema>;

export const generatedToolSchema = z.object({
  /** snake_case; called toolName so no one (no model) mistakes it for a person's or product's name */
  toolName: z.string().min(1).max(64),
  description: z.string().min(1).max(1000),
  parameters: z.array(generatedParameterSchema).max(12),
  output: z.array(generatedFieldSchema).min(1).max(12),
  errorCases: z.array(errorCaseSchema).min(1).max(6),
});
export type GeneratedTool = z.infer<typeof generatedToolSchema>;

export const toolBatchSchema = z.object({ tools: z.array(generatedToolSchema).min(1).max(10) });

export const domainListSchema = z.object({
  domains: z
    .array(z.object({ name: z.string().min(1).max(80), description: z.string().min(1).max(400) }))
    .min(1)
    .max(12),
});
export type Domain = z.infer<typeof domainListSchema>["domains"][number];

/** A function-name-safe identifier: lower snake case, at most 64 characters. */
export function toIdentifier(text: string): string {
  const id = text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 64)
    .replace(/_+$/, "");
  return id || "unnamed";
}

export type SynthesizedSpec = {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  errorCases: ErrorCase[];
};

type Field = z.infer<typeof generatedFieldSchema> & Partial<z.infer<typeof generatedParameterSchema>>;

function property(field: Field): Record<string, unknown> {
  const prop: Record<string, unknown> = { type: field.type, description: field.description.trim() };
  if (field.type === "array") prop.items = { type: field.itemsType ?? "string" };
  return prop;
}

function objectSchema(fields: Field[], isRequired: (f: Field) => boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const field of fields) {
    const name = toIdentifier(field.name);
    if (name in properties) continue; // the first of two same-named fields wins
    properties[name] = property(field);
    if (isRequired(field)) required.push(name);
  }
  return { type: "object", properties, required, additionalProperties: false };
}

/** The tool spec a generated tool stands for, with valid input and output JSON Schemas. */
export function toSpec(tool: GeneratedTool): SynthesizedSpec {
  return {
    name: toIdentifier(tool.toolName),
    description: tool.description.trim(),
    inputSchema: objectSchema(tool.parameters, (p) => p.required === true),
    outputSchema: objectSchema(tool.output, () => true),
    errorCases: tool.errorCases.map((e) => ({ code: toIdentifier(e.code).toUpperCase(), description: e.description.trim() })),
  };
}

/** The part of a synthesized spec the catalogue keeps as a tool spec (error cases live in their own column). */
export function catalogSpec(spec: SynthesizedSpec): ToolSpec {
  return { name: spec.name, description: spec.description, inputSchema: spec.inputSchema, outputSchema: spec.outputSchema };
}
