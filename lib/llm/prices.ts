import "server-only";
import { z } from "zod";
import type { Db, ModelPrice } from "../db/client";
import { numberMessages } from "../actions/inputs";
import { refusedBy, type Result } from "../actions/result";

// The price table the gateway's cost accounting reads (CallLedger looks a
// model up by the name it was called with or the name the endpoint reported).

export const modelPriceSchema = z
  .object({
    model: z.string().trim().min(1, "Name the model as the endpoint knows it").max(200),
    inputPerMillionUsd: z.number().min(0, "A price cannot be negative").max(10_000, "More than $10,000 per million tokens: check the unit"),
    outputPerMillionUsd: z.number().min(0, "A price cannot be negative").max(10_000, "More than $10,000 per million tokens: check the unit"),
  })
  .strict();
export type ModelPriceInput = z.infer<typeof modelPriceSchema>;

export async function listPrices(db: Db): Promise<ModelPrice[]> {
  return db.modelPrice.findMany({ orderBy: { model: "asc" } });
}

/** Adds the model's price or replaces it; calls made from then on are charged at it. */
export async function savePrice(db: Db, input: unknown): Promise<Result<{ value: ModelPrice }>> {
  const parsed = modelPriceSchema.safeParse(input, { error: numberMessages });
  if (!parsed.success) return refusedBy(parsed.error);
  const { model, ...price } = parsed.data;
  const value = await db.modelPrice.upsert({ where: { model }, create: { model, ...price }, update: price });
  return { ok: true, value };
}

/** False when there was no such price (someone else deleted it first). */
export async function deletePrice(db: Db, model: string): Promise<boolean> {
  const { count } = await db.modelPrice.deleteMany({ where: { model } });
  return count > 0;
}
