import { describe, expect, it } from "vitest";
import { qualityConfigSchema } from "../catalog/quality";
import { catalogChecks } from "./catalog-checks";
import { toSpec, type GeneratedTool } from "./tool-spec";
import { fakeEmbedding } from "./testing/fake-gateway";
import { vetTool, type PoolTool } from "./vetting";

const checks = catalogChecks(qualityConfigSchema.parse({}));

const tool = (over: Partial<GeneratedTool> = {}): GeneratedTool => ({
  toolName: "refund_order",
  description: "Refunds a paid order in full or in part and returns the refund's id and status.",
  parameters: [
    { name: "order_id", type: "string", description: "The order to refund.", required: true, itemsType: null },
    {
      name: "amount",
      type: "number",
      description: "Amount to refund in the order's currency; the full amount when left out.",
      required: false,
      itemsType: null,
    },
  ],
  output: [{ name: "refund_id", type: "string", description: "The refund created." }],
  errorCases: [{ code: "ORDER_NOT_FOUND", description: "No order has this id." }],
  ...over,
});

const embed = (spec: { name: string; description: string }) => fakeEmbedding(checks.embeddingText(spec));

describe("vetting synthetic tools with the catalogue's rules", () => {
  it("accepts a well-specified tool", () => {
    const spec = toSpec(tool());
    expect(vetTool(checks, spec, embed(spec), [], 0.95)).toMatchObject({ accepted: true, duplicateOf: null });
  });

  it("rejects a placeholder description with the catalogue's reason", () => {
    const spec = toSpec(tool({ description: "TODO" }));
    const vetting = vetTool(checks, spec, embed(spec), [], 0.95);
    expect(vetting.accepted).toBe(false);
    expect(vetting.reasons).toContainEqual(expect.objectContaining({ code: "description_placeholder", blocking: true }));
  });

  it("rejects a near-duplicate of a tool already in the category and links to it", () => {
    const original = toSpec(tool());
    const pool: PoolTool[] = [{ id: "t1", key: "stripe/refund_order", name: original.name, embedding: embed(original) }];
    const copy = toSpec(tool({ toolName: "refund_an_order" }));
    const vetting = vetTool(checks, copy, embed(copy), pool, 0.9);
    expect(vetting).toMatchObject({ accepted: false, duplicateOf: { id: "t1", key: "stripe/refund_order", name: "refund_order" } });
    expect(vetting.duplicateOf!.similarity).toBeGreaterThanOrEqual(0.9);
    expect(vetting.reasons).toContainEqual(expect.objectContaining({ code: "near_duplicate", blocking: true }));
    const other = toSpec(tool({ toolName: "forecast_rain", description: "Predicts hourly rainfall for a city over the next three days." }));
    expect(vetTool(checks, other, embed(other), pool, 0.9).duplicateOf).toBeNull();
  });

  it("hashes specs as the catalogue does, so equal specs meet", () => {
    expect(checks.specHash(toSpec(tool()))).toBe(checks.specHash(toSpec(tool())));
    expect(checks.specHash(toSpec(tool()))).not.toBe(checks.specHash(toSpec(tool({ description: "Something else entirely, described at length." }))));
  });
});
