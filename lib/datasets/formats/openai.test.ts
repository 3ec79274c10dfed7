import { describe, expect, it } from "vitest";
import { conversationView } from "../conversation-view";
import { endsOnCallDoc, weatherDoc } from "../testing/sample-docs";
import { openaiFormat } from "./openai";

describe("OpenAI chat fine-tuning format", () => {
  it("writes tool calls with string arguments, tool messages by id, and function tools", () => {
    const record = openaiFormat.toRecord(weatherDoc) as { messages: Record<string, unknown>[]; tools: unknown[] };
    expect(record.tools[0]).toEqual({
      type: "function",
      function: { name: "get_weather", description: "Current weather for a city", parameters: weatherDoc.tools[0].parameters },
    });
    expect(record.messages[2]).toEqual({
      role: "assistant",
      content: "Let me check both cities.",
      tool_calls: [
        { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { id: "call_b", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo","unit":"c"}' } },
      ],
    });
    expect(record.messages[3]).toEqual({ role: "tool", tool_call_id: "call_a", name: "get_weather", content: '{"temp":21,"sky":"clear"}' });
    // an assistant turn with only calls says so: content null, as chat templates expect
    expect(record.messages[7]).toHaveProperty("content", null);
    expect(record.messages[0]).toEqual({ role: "system", content: "You are a travel assistant." });
  });

  it("reads back what it wrote", () => {
    for (const doc of [weatherDoc, endsOnCallDoc]) {
      const back = openaiFormat.fromRecord!(JSON.parse(JSON.stringify(openaiFormat.toRecord(doc))));
      expect(conversationView(back)).toEqual(conversationView(doc));
      expect(back.messages[2]?.toolCalls?.map((c) => c.id) ?? []).toEqual(doc.messages[2]?.toolCalls?.map((c) => c.id) ?? []);
    }
  });

  it("keeps arguments that never parsed exactly as they were written", () => {
    const doc = {
      ...endsOnCallDoc,
      messages: [
        endsOnCallDoc.messages[0],
        { ...endsOnCallDoc.messages[1], toolCalls: [{ id: "x", name: "get_weather", arguments: {}, rawArguments: "{city: Lima", argumentsError: "bad" }] },
      ],
    };
    const record = openaiFormat.toRecord(doc) as { messages: { tool_calls?: { function: { arguments: string } }[] }[] };
    expect(record.messages[1].tool_calls![0].function.arguments).toBe("{city: Lima");
  });
});
