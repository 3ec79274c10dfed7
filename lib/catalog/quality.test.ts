import { describe, expect, it } from "vitest";
import { assessRules, DEFAULT_QUALITY_CONFIG, withLlmGrade } from "./quality";
import type { ToolSpec } from "./spec";

const good: ToolSpec = {
  name: "search_flights",
  description: "Search one-way flights between two airports on a date, cheapest first.",
  inputSchema: {
    type: "object",
    properties: {
      origin: { type: "string", description: "IATA code of the departure airport" },
      destination: { type: "string", description: "IATA code of the arrival airport" },
      date: { type: "string", format: "date", description: "Departure date, YYYY-MM-DD" },
    },
    required: ["origin", "destination", "date"],
  },
};
const codes = (spec: ToolSpec) => assessRules(spec).reasons.map((r) => r.code);

describe("rule-based tool quality", () => {
  it("accepts a well-described tool with a full score and no reasons", () => {
    expect(assessRules(good)).toEqual({ accepted: true, score: 1, reasons: [] });
  });

  it("rejects a tool without a description, whatever else it has", () => {
    const r = assessRules({ ...good, description: "" });
    expect(r.accepted).toBe(false);
    expect(r.reasons[0]).toMatchObject({ code: "description_missing", blocking: true });
  });

  it("rejects placeholder descriptions", () => {
    expect(assessRules({ ...good, description: "TODO" }).accepted).toBe(false);
    expect(codes({ ...good, description: "Lorem ipsum dolor sit amet, consectetur." })).toContain("description_placeholder");
  });

  it("rejects required parameters that do not exist", () => {
    const r = assessRules({ ...good, inputSchema: { ...good.inputSchema, required: ["origin", "passengers"] } });
    expect(r.accepted).toBe(false);
    expect(r.reasons).toEqual([expect.objectContaining({ code: "required_not_in_properties", message: expect.stringContaining('"passengers"') })]);
  });

  it("lowers the score for undescribed and untyped parameters in proportion", () => {
    const spec = {
      ...good,
      inputSchema: {
        type: "object",
        properties: { a: { type: "string" }, b: {}, c: { type: "string", description: "c" }, d: { type: "string", description: "d" } },
      },
    };
    const r = assessRules(spec);
    expect(r.reasons.map((x) => [x.code, x.penalty])).toEqual([
      ["parameters_undescribed", 0.15],
      ["parameters_untyped", 0.05],
    ]);
    expect(r.score).toBe(0.8);
    expect(r.accepted).toBe(true);
  });

  it("a short description that repeats a generic name falls under the threshold", () => {
    const r = assessRules({ name: "tool", description: "Tool", inputSchema: { type: "object", properties: { x: {} } } });
    expect(r.reasons.map((x) => x.code)).toEqual(
      expect.arrayContaining(["description_short", "description_repeats_name", "name_generic", "parameters_undescribed"]),
    );
    expect(r.accepted).toBe(false);
    expect(r.score).toBeLessThan(DEFAULT_QUALITY_CONFIG.acceptAt);
  });

  it("blocks a spec that carries a secret", () => {
    const spec = { ...good, description: `${good.description} Use key sk-proj-abcdefghijklmnopqrstuvwx1234 to call it.` };
    expect(assessRules(spec)).toMatchObject({ accepted: false, reasons: [expect.objectContaining({ code: "secret", blocking: true })] });
  });

  it("blocks absurdly large schemas", () => {
    const properties = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`field_${i}`, { type: "string", description: "x".repeat(80) }]));
    expect(codes({ ...good, inputSchema: { type: "object", properties } })).toEqual(expect.arrayContaining(["schema_too_large", "too_many_parameters"]));
  });

  it("uses the configured threshold", () => {
    const spec = { ...good, description: "Find flights." }; // short: 0.75
    expect(assessRules(spec).accepted).toBe(true);
    expect(assessRules(spec, [], { ...DEFAULT_QUALITY_CONFIG, acceptAt: 0.9 }).accepted).toBe(false);
  });

  it("blends a judge's grade into the score", () => {
    const rules = assessRules(good);
    const poor = withLlmGrade(rules, { clarity: 1, usefulness: 1, accept: false, reasons: ["vague"] }, DEFAULT_QUALITY_CONFIG);
    expect(poor.score).toBe(0.6);
    expect(poor.reasons).toEqual([expect.objectContaining({ code: "llm_rejected", by: "llm", message: expect.stringContaining("vague") })]);
    expect(withLlmGrade(rules, { clarity: 5, usefulness: 5, accept: true, reasons: [] }, DEFAULT_QUALITY_CONFIG).score).toBe(1);
  });
});
