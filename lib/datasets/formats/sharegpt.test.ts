import { describe, expect, it } from "vitest";
import { conversationView } from "../conversation-view";
import { endsOnCallDoc, weatherDoc } from "../testing/sample-docs";
import { sharegptFormat } from "./sharegpt";

describe("ShareGPT with function calls (APIGen-MT)", () => {
  it("writes human / gpt / function_call / observation turns, tools as a JSON string, and system", () => {
    const record = sharegptFormat.toRecord(weatherDoc) as { conversations: { from: string; value: string }[]; tools: string; system: string };
    expect(record.system).toBe("You are a travel assistant.");
    expect(JSON.parse(record.tools)).toEqual(weatherDoc.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })));
    expect(record.conversations.map((t) => t.from)).toEqual(["human", "function_call", "observation", "gpt", "human", "function_call", "observation", "gpt"]);
    // the text beside the calls is the function_call's thought; the parallel results are one observation
    expect(record.conversations[1].value).toMatch(/^<think>Let me check both cities\.<\/think>\[/);
    expect(JSON.parse(record.conversations[1].value.replace(/^<think>.*?<\/think>/, ""))).toEqual([
      { id: "call_a", name: "get_weather", arguments: { city: "Paris" } },
      { id: "call_b", name: "get_weather", arguments: { city: "Oslo", unit: "c" } },
    ]);
    expect(JSON.parse(record.conversations[2].value)).toEqual(['{"temp":21,"sky":"clear"}', "Oslo: 4 degrees, light rain"]);
    expect(JSON.parse(record.conversations[5].value)).toEqual({ id: "call_c", name: "book_table", arguments: { restaurant: "Chez Marie", people: 2 } });
    expect(sharegptFormat.validate(record)).toEqual([]);
  });

  it("writes a call's id only when the model or the file gave it, so a file without ids reads and writes back without", () => {
    const withoutIds = {
      conversations: [
        { from: "human", value: "Weather in Lima?" },
        { from: "function_call", value: '{"name": "get_weather", "arguments": {"city": "Lima"}}' },
        { from: "observation", value: "18" },
        { from: "gpt", value: "18 degrees." },
      ],
      tools: "[]",
      system: "",
    };
    const doc = sharegptFormat.fromRecord!(withoutIds);
    expect(doc.messages[1].toolCalls![0]).toMatchObject({ sourceId: null });
    expect((sharegptFormat.toRecord(doc) as typeof withoutIds).conversations[1].value).toBe('{"name": "get_weather", "arguments": {"city": "Lima"}}');
    const withIds = {
      ...withoutIds,
      conversations: withoutIds.conversations.map((t, i) =>
        i === 1 ? { ...t, value: '{"id": "call_lima01", "name": "get_weather", "arguments": {"city": "Lima"}}' } : t,
      ),
    };
    expect((sharegptFormat.toRecord(sharegptFormat.fromRecord!(withIds)) as typeof withIds).conversations[1].value).toBe(withIds.conversations[1].value);
  });

  it("reads back what it wrote, pairing calls and observations by position", () => {
    for (const doc of [weatherDoc, endsOnCallDoc]) {
      const back = sharegptFormat.fromRecord!(JSON.parse(JSON.stringify(sharegptFormat.toRecord(doc))));
      expect(conversationView(back)).toEqual(conversationView(doc));
    }
  });

  it('reads a function_call whose value is "[]" as no call', () => {
    const doc = sharegptFormat.fromRecord!({
      conversations: [
        { from: "human", value: "Tell me a joke." },
        { from: "function_call", value: "[]" },
        { from: "gpt", value: "Why did the scarecrow win an award?" },
      ],
    });
    expect(doc.messages.map((m) => [m.role, m.role === "assistant" ? (m.toolCalls ?? []).length : null])).toEqual([
      ["user", null],
      ["assistant", 0],
    ]);
  });

  it("names the turn whose function_call is not JSON", () => {
    expect(() =>
      sharegptFormat.fromRecord!({
        conversations: [
          { from: "human", value: "hi" },
          { from: "function_call", value: "get_weather(Paris)" },
        ],
      }),
    ).toThrow(/conversations\.1: a function_call's value must be JSON/);
  });
});
