import { describe, expect, it } from "vitest";
import { ORDERED_ARGS, PRETTY_ARGS } from "../testing/sample-docs";
import { memberTexts } from "./json-spans";
import { sharegptFormat } from "./sharegpt";

describe("a member's text as the file wrote it", () => {
  it("finds it in an object and in each object of a list, strings with braces and escapes included", () => {
    expect(memberTexts(`{"name": "a", "arguments": ${PRETTY_ARGS}}`, "arguments")).toEqual([PRETTY_ARGS]);
    const tricky = '{"q": "a } \\" ] {", "n": [1, {"x": null}], "ok": true}';
    expect(memberTexts(` [ {"arguments": ${tricky}} , {"name": "b"}, {"name": "c", "arguments":${ORDERED_ARGS} } ]`, "arguments")).toEqual([
      tricky,
      undefined,
      ORDERED_ARGS,
    ]);
  });

  it("a ShareGPT function_call's arguments are read with their own spacing and key order, and leave the same way", () => {
    const value = `[{"name": "search_flights", "arguments": ${PRETTY_ARGS}}, {"name": "search_flights", "arguments": ${ORDERED_ARGS}}]`;
    const doc = sharegptFormat.fromRecord!({
      conversations: [
        { from: "human", value: "?" },
        { from: "function_call", value },
        { from: "observation", value: '["a", "b"]' },
        { from: "gpt", value: "ok" },
      ],
    });
    expect(doc.messages[1].toolCalls!.map((c) => c.rawArguments)).toEqual([PRETTY_ARGS, ORDERED_ARGS]);
    const turns = (sharegptFormat.toRecord(doc) as { conversations: { value: string }[] }).conversations;
    expect(turns[1].value).toBe(value);
  });
});
