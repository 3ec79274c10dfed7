import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { toIdentifier, toolBatchSchema, toSpec, type GeneratedTool } from "./tool-spec";

const base: GeneratedTool = {
  toolName: "Get Shipment Status",
  description: "  Returns the current status of a shipment.  ",
  parameters: [
    { name: "shipmentId", type: "string", description: "Tracking id", required: true, itemsType: null },
    { name: "fields", type: "array", description: "Fields to return", required: false, itemsType: "string" },
    { name: "carrier", type: "string", description: "Carrier", required: false, itemsType: null },
    { name: "shipment id", type: "integer", description: "a second field with the same name", required: true, itemsType: null },
  ],
  output: [{ name: "status", type: "string", description: "Current status" }],
  errorCases: [{ code: "not found", description: "No shipment has this id." }],
};

describe("synthetic tool specs", () => {
  it("turns a generated tool into valid input and output JSON Schemas", () => {
    const spec = toSpec(base);
    const ajv = new Ajv({ strict: true });
    expect(() => ajv.compile(spec.inputSchema)).not.toThrow();
    expect(() => ajv.compile(spec.outputSchema)).not.toThrow();
    expect(spec.name).toBe("get_shipment_status");
    expect(spec.description).toBe("Returns the current status of a shipment.");
    expect(spec.inputSchema).toMatchObject({
      type: "object",
      required: ["shipment_id"],
      properties: { shipment_id: { type: "string" }, fields: { type: "array", items: { type: "string" } }, carrier: { type: "string" } },
    });
    const valid = ajv.compile(spec.inputSchema);
    expect(valid({ shipment_id: "A1", carrier: "dhl" })).toBe(true);
    expect(valid({ shipment_id: "A1", colour: "red" })).toBe(false);
    expect(valid({ carrier: "dhl" })).toBe(false);
    expect(spec.errorCases).toEqual([{ code: "NOT_FOUND", description: "No shipment has this id." }]);
  });

  it("keeps the first of two parameters that normalize to the same name", () => {
    const props = toSpec(base).inputSchema.properties as Record<string, { type: string }>;
    expect(props.shipment_id.type).toBe("string");
    expect(Object.keys(props)).toHaveLength(3);
  });

  it("makes names safe as function names", () => {
    expect(toIdentifier("listOpenPRs")).toBe("list_open_prs");
    expect(toIdentifier("  Fetch — weather!! ")).toBe("fetch_weather");
    expect(toIdentifier("***")).toBe("unnamed");
    expect(toIdentifier("x".repeat(80))).toHaveLength(64);
  });

  it("refuses a batch whose tools have no error cases", () => {
    const parsed = toolBatchSchema.safeParse({ tools: [{ ...base, errorCases: [] }] });
    expect(parsed.success).toBe(false);
  });
});
