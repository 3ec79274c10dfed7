import { describe, expect, it } from "vitest";
import { parseLenientJson, stripCodeFence } from "./lenient-json";

const ok = (text: string) => {
  const r = parseLenientJson(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe("lenient JSON", () => {
  it("reads strict JSON without marking it repaired", () => {
    expect(parseLenientJson('{"a": [1, 2.5, -3e2], "b": null}')).toEqual({ ok: true, value: { a: [1, 2.5, -300], b: null }, repaired: false });
  });

  it("reads single quotes, unquoted keys and trailing commas", () => {
    expect(ok("{'city': 'Paris', units: 'metric', days: [1, 2,],}")).toEqual({ city: "Paris", units: "metric", days: [1, 2] });
  });

  it("reads Python literals", () => {
    expect(ok("{'verbose': True, 'limit': None, 'dry_run': False}")).toEqual({ verbose: true, limit: null, dry_run: false });
  });

  it("keeps quotes of the other kind and escapes inside strings", () => {
    expect(ok(`{'q': "it's \\"fine\\"", 'path': 'a\\\\b', 'nl': 'x\\ny'}`)).toEqual({ q: `it's "fine"`, path: "a\\b", nl: "x\ny" });
  });

  it("finds the value inside a code fence and ignores prose around it", () => {
    expect(ok('Here are the arguments:\n```json\n{"id": 42}\n```\nLet me know.')).toEqual({ id: 42 });
    expect(ok('Sure! {"id": 42} is what I will send.')).toEqual({ id: 42 });
  });

  it("skips comments", () => {
    expect(ok('{\n  // the user asked for 3\n  "n": 3, /* max */ "m": 4\n}')).toEqual({ n: 3, m: 4 });
  });

  it("reads unicode escapes and numbers with a leading dot or plus", () => {
    expect(ok("{'s': '\\u00e9t\\u00e9', 'x': .5, 'y': +2}")).toEqual({ s: "été", x: 0.5, y: 2 });
  });

  it("fails on truncated or shapeless input with a message", () => {
    for (const bad of ['{"a": "unterminated', "{'a': 1", "just some words", "", '{"a" 1}']) {
      const r = parseLenientJson(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
    }
  });

  it("strips a fence with a language tag", () => {
    expect(stripCodeFence("```python\nprint(1)\n```")).toBe("print(1)");
    expect(stripCodeFence("  no fence ")).toBe("no fence");
  });
});
