import path from "node:path";
import type { Chat } from "../render";

export const TEMPLATES_DIR = path.resolve(import.meta.dirname, "../../../../test/fixtures/chat-templates");
export const TEST_TEMPLATES = ["chatml-hermes.jinja", "llama31-json.jinja", "mistral.jinja", "deepseek-v3.jinja"] as const;
export const templateFile = (name: string) => path.join(TEMPLATES_DIR, name);

const weather = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

/** A tool-using conversation shaped as every test template demands: `content` on every message, named tool results, 9-character ids. */
export function toolChat(): Chat {
  return {
    messages: [
      { role: "system", content: "You are a travel assistant." },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "a1B2c3D4e", type: "function", function: { name: "get_weather", arguments: { city: "Paris" } } }],
      },
      { role: "tool", name: "get_weather", tool_call_id: "a1B2c3D4e", content: '{"temp":21,"sky":"clear"}' },
      { role: "assistant", content: "Paris is 21°C and clear." },
      { role: "user", content: "Thanks!" },
      { role: "assistant", content: "You're welcome." },
    ],
    tools: [weather],
  };
}

/** `toolChat` with one message changed. */
export function toolChatWith(index: number, change: (m: Record<string, unknown>) => Record<string, unknown>): Chat {
  const chat = toolChat();
  chat.messages[index] = change(chat.messages[index]);
  return chat;
}
