import { describe, expect, it } from "vitest";
import { normalizeInputSchema } from "./normalize-schema";
import { schemaForTypeName } from "./type-names";

function run(raw: unknown) {
  const notes: string[] = [];
  const result = normalizeInputSchema(raw, (p, m) => notes.push(`${p}: ${m}`));
  return { result, notes };
}

describe("normalizing input schemas", () => {
  it("leaves a standard schema untouched and records nothing", () => {
    const schema = { type: "object", properties: { q: { type: "string", description: "query" } }, required: ["q"] };
    const { result, notes } = run(schema);
    expect(result).toEqual({ schema });
    expect(notes).toEqual([]);
  });

  it("normalizes nested objects, arrays of objects and type lists", () => {
    const { result, notes } = run({
      type: "object",
      properties: {
        filter: { type: "Dict", properties: { since: { type: "Date" } } },
        rows: { type: "array", items: { properties: { n: { type: "Int" } } } },
        maybe: { type: ["str", "None"] },
      },
    });
    expect(result).toEqual({
      schema: {
        type: "object",
        properties: {
          filter: { type: "object", properties: { since: { type: "string", format: "date" } } },
          rows: { type: "array", items: { type: "object", properties: { n: { type: "integer" } } } },
          maybe: { type: ["string", "null"] },
        },
      },
    });
    expect(notes).toContain('inputSchema.properties.rows.items.type: type "object" added to a schema with properties');
  });

  it("does not change the object it was given", () => {
    const raw = { type: "object", properties: { a: { type: "int", required: true } } };
    const copy = structuredClone(raw);
    run(raw);
    expect(raw).toEqual(copy);
  });

  it("wraps a schema of another type as the single parameter", () => {
    expect(run({ type: "string", description: "the text" }).result).toEqual({
      schema: { type: "object", properties: { value: { type: "string", description: "the text" } }, required: ["value"] },
    });
  });

  it("drops an unknown type instead of guessing", () => {
    const { result, notes } = run({ type: "object", properties: { blob: { type: "Blob" } } });
    expect(result).toEqual({ schema: { type: "object", properties: { blob: {} } } });
    expect(notes[0]).toMatch(/unknown type "Blob" dropped/);
  });

  it("rejects parameters that are neither a schema nor a list", () => {
    expect(run(17).result).toEqual({ error: expect.stringMatching(/neither a schema nor a list/) });
  });

  it("reads generic type names", () => {
    expect(schemaForTypeName("List[int]")).toEqual({ type: "array", items: { type: "integer" } });
    expect(schemaForTypeName("string[]")).toEqual({ type: "array", items: { type: "string" } });
    expect(schemaForTypeName("Optional[float]")).toEqual({ type: "number" });
    expect(schemaForTypeName("set<str>")).toEqual({ type: "array", uniqueItems: true, items: { type: "string" } });
    expect(schemaForTypeName("Widget")).toBeUndefined();
  });
});
