import { createHash } from "node:crypto";
import { z } from "zod";

/** What OpenAI accepts as a function name; every tool in the catalogue satisfies it. */
export const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const jsonObject = z.record(z.string(), z.unknown());

/** A tool spec as the catalogue keeps it, whatever shape it arrived in. */
export const toolSpecSchema = z
  .object({
    name: z.string().regex(FUNCTION_NAME),
    title: z.string().optional(),
    description: z.string(),
    inputSchema: jsonObject,
    outputSchema: jsonObject.optional(),
    annotations: jsonObject.optional(),
    /** The definition's other keys, as written (MCP `execution`, `_meta`, `icons`, ...). */
    extra: jsonObject.optional(),
  })
  .strict();

export type ToolSpec = z.infer<typeof toolSpecSchema>;

/** One change normalization made to a spec, kept in Tool.normalizations. */
export const normalizationSchema = z.object({ path: z.string(), message: z.string() }).strict();
export type Normalization = z.infer<typeof normalizationSchema>;

/** JSON with object keys sorted, so equal specs give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function specHash(spec: ToolSpec): string {
  return createHash("sha256").update(canonicalJson(spec)).digest("hex");
}

/** The spec fields of a Tool row, back as a ToolSpec. */
export function specOfTool(tool: {
  name: string;
  title: string | null;
  description: string;
  inputSchema: unknown;
  outputSchema: unknown;
  annotations: unknown;
  extra?: unknown;
}): ToolSpec {
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: tool.description,
    inputSchema: (tool.inputSchema ?? {}) as Record<string, unknown>,
    ...(tool.outputSchema ? { outputSchema: tool.outputSchema as Record<string, unknown> } : {}),
    ...(tool.annotations ? { annotations: tool.annotations as Record<string, unknown> } : {}),
    ...(tool.extra ? { extra: tool.extra as Record<string, unknown> } : {}),
  };
}
