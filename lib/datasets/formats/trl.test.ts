import { describe, expect, it } from "vitest";
import { conversationView } from "../conversation-view";
import { endsOnCallDoc, weatherDoc } from "../testing/sample-docs";
import { trlFormat } from "./trl";

describe("TRL conversational format", () => {
  it("writes the documented shape: object arguments, named tool turns, a tools column", () => {
    const record = trlFormat.toRecord(weatherDoc) as { messages: Record<string, unknown>[]; tools: unknown[] };
    expect(Object.keys(record)).toEqual(["messages", "tools"]);
    expect(record.messages[2]).toMatchObject({
      role: "assistant",
      content: "Let me check both cities.",
      reasoning_content: "Two independent lookups: call them in parallel.",
      tool_calls: [
        { type: "function", function: { name: "get_weather", arguments: { city: "Paris" } } },
        { type: "function", function: { name: "get_weather", arguments: { city: "Oslo", unit: "c" } } },
      ],
    });
    expect(record.messages[3]).toMatchObject({ role: "tool", name: "get_weather", content: '{"temp":21,"sky":"clear"}' });
    expect(record.tools[1]).toEqual({
      type: "function",
      function: { name: "book_table", description: "Books a restaurant table", parameters: weatherDoc.tools[1].parameters },
    });
  });

  it("reads back what it wrote, reasoning included", () => {
    for (const doc of [weatherDoc, endsOnCallDoc]) {
      const back = trlFormat.fromRecord!(JSON.parse(JSON.stringify(trlFormat.toRecord(doc))));
      expect(conversationView(back, { reasoning: true })).toEqual(conversationView(doc, { reasoning: true }));
    }
  });

  it("reads prompt + completion rows as one conversation", () => {
    const doc = trlFormat.fromRecord!({
      prompt: [{ role: "user", content: "Hi" }],
      completion: [{ role: "assistant", content: "Hello!" }],
    });
    expect(doc.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "Hi"],
      ["assistant", "Hello!"],
    ]);
  });
});
