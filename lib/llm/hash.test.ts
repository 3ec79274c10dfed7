import { describe, expect, it } from "vitest";
import { canonicalJson, requestHash } from "./hash";

describe("request hash", () => {
  it("ignores key order and undefined fields, and otherwise matches JSON", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: "x" }], e: undefined })).toBe('{"a":[1,{"c":"x"}],"b":1}');
    expect(requestHash({ model: "m", messages: [{ role: "user", content: "hi" }] })).toBe(
      requestHash({ messages: [{ content: "hi", role: "user" }], model: "m" }),
    );
    const sample = { s: 'quote " and \\n', n: 1.5, t: true, z: null, arr: [undefined, "x"], date: new Date(0) };
    expect(JSON.parse(canonicalJson(sample))).toEqual(JSON.parse(JSON.stringify(sample)));
  });

  it("tells different requests apart", () => {
    expect(requestHash({ seed: 1 })).not.toBe(requestHash({ seed: 2 }));
    expect(requestHash({ a: "1" })).not.toBe(requestHash({ a: 1 }));
  });
});
