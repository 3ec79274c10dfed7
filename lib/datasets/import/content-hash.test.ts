import { describe, expect, it } from "vitest";
import { sharegptFormat } from "../formats/sharegpt";
import { contentHash } from "./import";

describe("the import's content hash", () => {
  it("leaves out what a file said about an id the studio gave, so trajectories imported before that was kept are still found", () => {
    const doc = sharegptFormat.fromRecord!({
      conversations: [
        { from: "human", value: "Weather in Lima?" },
        { from: "function_call", value: '{"name": "get_weather", "arguments": {"city": "Lima"}}' },
        { from: "observation", value: "18" },
        { from: "gpt", value: "18 degrees." },
      ],
    });
    expect(doc.messages[1].toolCalls![0].sourceId).toBeNull();
    const asStoredBefore = {
      ...doc,
      messages: doc.messages.map((m) => (m.toolCalls ? { ...m, toolCalls: m.toolCalls.map(({ sourceId: _s, ...c }) => c) } : m)),
    };
    expect(contentHash(doc)).toBe(contentHash(asStoredBefore));
    expect(contentHash(doc)).not.toBe(contentHash({ ...doc, messages: doc.messages.slice(0, 3) }));
  });
});
