import { z } from "zod";
import { schemaErrors } from "../validation";

// The zod schema the tool simulator's structured output must satisfy, built
// from the tool's output JSON Schema. Structured output needs an object at
// the root, so other roots are wrapped in { result } and unwrapped after.

export type ResultShape = {
  schema: z.ZodType;
  unwrap(value: unknown): unknown;
  /** the JSON Schema the unwrapped value follows, when the tool declared one */
  jsonSchema: Record<string, unknown> | null;
};

const FREE_TEXT: ResultShape = {
  schema: z.object({ content: z.string().describe("the tool's output as text or JSON") }),
  unwrap: (v) => (v as { content: string }).content,
  jsonSchema: null,
};

function toZod(jsonSchema: Record<string, unknown>): z.ZodType {
  try {
    return z.fromJSONSchema(jsonSchema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch {
    // zod cannot express it: accept any JSON, and let ajv hold it to the schema
    return z.unknown().superRefine((value, ctx) => {
      const errors = schemaErrors(jsonSchema, value);
      if (errors) ctx.addIssue({ code: "custom", message: errors });
    });
  }
}

// Building a zod schema from JSON Schema costs more than the rest of a
// simulated call; an episode's tools are few, so shapes are kept by schema.
const shapes = new Map<string, ResultShape>();
const MAX_SHAPES = 2_000;

export function resultShape(outputSchema: Record<string, unknown> | null | undefined): ResultShape {
  if (!outputSchema || Object.keys(outputSchema).length === 0) return FREE_TEXT;
  const key = JSON.stringify(outputSchema);
  let shape = shapes.get(key);
  if (!shape) {
    shape = buildShape(outputSchema);
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(key, shape);
  }
  return shape;
}

function buildShape(outputSchema: Record<string, unknown>): ResultShape {
  const isObject = outputSchema.type === "object" || (!outputSchema.type && !!outputSchema.properties);
  if (isObject) return { schema: toZod(outputSchema), unwrap: (v) => v, jsonSchema: outputSchema };
  return {
    schema: z.object({ result: toZod(outputSchema) }),
    unwrap: (v) => (v as { result: unknown }).result,
    jsonSchema: outputSchema,
  };
}

/** A tool result as the agent reads it: text stays text, anything else is JSON. */
export function resultText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
