import { z } from "zod";
import type { Db } from "../db/client";
import { errorMessage } from "./errors";

// What an OpenAI-compatible endpoint's model accepts, learned once (a probe
// from Settings, or the first request it refused) and kept in the database per
// base URL + model, so every role, worker and restart starts from it.

/** Ways to get JSON out of a model, best first. */
export const STRUCTURED_MODES = ["json_schema", "json_object", "tool", "prompt"] as const;
export const structuredModeSchema = z.enum(STRUCTURED_MODES);
export type StructuredMode = z.infer<typeof structuredModeSchema>;

/** Request parameters a model may refuse with a 400; the studio then sends the request without them. */
export const REFUSABLE_PARAMS = ["temperature", "tool_choice", "parallel_tool_calls", "seed"] as const;
export const refusableParamSchema = z.enum(REFUSABLE_PARAMS);
export type RefusableParam = z.infer<typeof refusableParamSchema>;

export const capabilitiesSchema = z.object({
  /** null until a structured request succeeded (or a probe ran) */
  structuredOutput: structuredModeSchema.nullable(),
  refusedParams: z.array(refusableParamSchema),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

export const UNKNOWN_CAPABILITIES: Capabilities = { structuredOutput: null, refusedParams: [] };

/** One endpoint + model's capabilities, read once and written through on every lesson. */
export type CapabilityMemory = {
  load(): Promise<Capabilities>;
  learn(change: Partial<Capabilities> & { probed?: boolean }): Promise<void>;
};

export function capabilityMemory(db: Db, baseUrl: string, model: string): CapabilityMemory {
  let current: Promise<Capabilities> | undefined;
  const where = { baseUrl_model: { baseUrl, model } };
  const read = async (): Promise<Capabilities> => {
    const row = await db.endpointCapability.findUnique({ where });
    const parsed = capabilitiesSchema.safeParse(row ?? UNKNOWN_CAPABILITIES);
    // A row from an older version must not break calls: start over as unknown.
    return parsed.success ? parsed.data : { ...UNKNOWN_CAPABILITIES };
  };
  return {
    load() {
      current ??= read().catch((e: unknown) => {
        current = undefined;
        throw e;
      });
      return current;
    },
    async learn({ probed, ...change }) {
      const before = await this.load();
      const next: Capabilities = {
        structuredOutput: change.structuredOutput !== undefined ? change.structuredOutput : before.structuredOutput,
        refusedParams: [...new Set([...before.refusedParams, ...(change.refusedParams ?? [])])],
      };
      current = Promise.resolve(next);
      const data = { ...next, ...(probed ? { probedAt: new Date() } : {}) };
      // A lesson that is not stored is learned again next time: the call goes on.
      await db.endpointCapability
        .upsert({ where, create: { baseUrl, model, ...data }, update: data })
        .catch((e: unknown) => console.error(`[llm] could not store what ${model} at ${baseUrl} accepts: ${errorMessage(e)}`));
    },
  };
}

export type StoredCapabilities = Capabilities & { baseUrl: string; model: string; probedAt: Date | null; updatedAt: Date };

/** Every endpoint + model the studio has learned about, for the Settings page. */
export async function listCapabilities(db: Db): Promise<StoredCapabilities[]> {
  const rows = await db.endpointCapability.findMany({ orderBy: [{ baseUrl: "asc" }, { model: "asc" }] });
  return rows.flatMap((r) => {
    const parsed = capabilitiesSchema.safeParse(r);
    return parsed.success ? [{ ...parsed.data, baseUrl: r.baseUrl, model: r.model, probedAt: r.probedAt, updatedAt: r.updatedAt }] : [];
  });
}
