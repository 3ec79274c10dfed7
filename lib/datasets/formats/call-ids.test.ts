import { describe, expect, it } from "vitest";
import { generatedCallId, TEMPLATE_SAFE_ID } from "./call-ids";
import { sharegptFormat } from "./sharegpt";

describe("call ids for sources that have none", () => {
  it("are nine letters and digits, the same for the same position, distinct across positions", () => {
    const ids = Array.from({ length: 400 }, (_, i) => generatedCallId(Math.floor(i / 4), i % 4));
    expect(ids.every((id) => TEMPLATE_SAFE_ID.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(generatedCallId(7, 1)).toBe(generatedCallId(7, 1));
  });

  it("a ShareGPT file (no ids) reads with template-safe ids, the same on every read, results paired with their calls", () => {
    const record = {
      conversations: [
        { from: "human", value: "Paris and Oslo?" },
        { from: "function_call", value: '[{"name": "w", "arguments": {"c": "P"}}, {"name": "w", "arguments": {"c": "O"}}]' },
        { from: "observation", value: '["sun", "rain"]' },
        { from: "gpt", value: "Sun and rain." },
      ],
      tools: '[{"name": "w", "description": "", "parameters": {}}]',
    };
    const doc = sharegptFormat.fromRecord!(record);
    const ids = doc.messages[1].toolCalls!.map((c) => c.id);
    expect(ids.every((id) => TEMPLATE_SAFE_ID.test(id))).toBe(true);
    expect(doc.messages.slice(2, 4).map((m) => [m.toolCallId, m.content])).toEqual([
      [ids[0], "sun"],
      [ids[1], "rain"],
    ]);
    expect(sharegptFormat.fromRecord!(record).messages[1].toolCalls!.map((c) => c.id)).toEqual(ids);
  });
});
