import { describe, expect, it } from "vitest";
import type { ProviderChatRequest } from "../provider";
import type { ChatMessage, ToolDefinition } from "../types";
import { offlineChat } from ".";
import { MAX_TOOLS_PER_REQUEST } from "./next-tools";

// The offline agent over whole requests: it works through the relevant tools
// across turns, leaves distractors alone, and always ends.

const object = (properties: Record<string, unknown>) => ({ type: "object", properties, required: Object.keys(properties) });

const travel: ToolDefinition[] = [
  {
    name: "search_flights",
    description: "Search flights between two airports on a date",
    parameters: object({ origin: { type: "string" }, destination: { type: "string" }, date: { type: "string", format: "date" } }),
  },
  { name: "get_weather", description: "Current weather and forecast for a city", parameters: object({ city: { type: "string" } }) },
  {
    name: "book_hotel",
    description: "Book a hotel room in a city for a number of nights",
    parameters: object({ city: { type: "string" }, nights: { type: "integer", minimum: 1 } }),
  },
  {
    name: "convert_currency",
    description: "Convert an amount between two currencies",
    parameters: object({ amount: { type: "number" }, from: { type: "string" }, to: { type: "string" } }),
  },
];

// each shares a single word with the requests below, or none
const distractors: ToolDefinition[] = [
  { name: "translate_text", description: "Translate a text between languages, such as a hotel review", parameters: object({ text: { type: "string" } }) },
  { name: "get_stock_price", description: "Latest stock price of a listed company", parameters: object({ ticker: { type: "string" } }) },
  {
    name: "send_email",
    description: "Send an email message to a contact",
    parameters: object({ to: { type: "string", format: "email" }, body: { type: "string" } }),
  },
];

const TRIP = "I want to fly from Paris to Rome on May 3 and stay 4 nights. Find a flight, check the weather and book a hotel.";

type Turn = { calls: string[]; text: string | null };

/** Plays the agent until it answers in text, each tool returning a fixed result. */
function play(messages: ChatMessage[], tools: ToolDefinition[], seed: number, maxTurns = 10): { turns: Turn[]; messages: ChatMessage[] } {
  const turns: Turn[] = [];
  const history = [...messages];
  for (let i = 0; i < maxTurns; i++) {
    const request: ProviderChatRequest = { messages: history, tools, toolChoice: "auto", temperature: 0, maxTokens: 100, seed };
    const reply = offlineChat(request, "offline");
    turns.push({ calls: reply.toolCalls.map((c) => c.name), text: reply.text });
    history.push({ role: "assistant", content: reply.text, toolCalls: reply.toolCalls });
    if (!reply.toolCalls.length) break;
    for (const c of reply.toolCalls) history.push({ role: "tool", toolCallId: c.id, content: JSON.stringify({ ok: true, from: c.name }) });
  }
  return { turns, messages: history };
}

const start = (request: string): ChatMessage[] => [
  { role: "system", content: "You are a travel assistant." },
  { role: "user", content: request },
];

describe("the offline agent on multi-step requests (native tool calls)", () => {
  it("calls every relevant tool once across turns, none of the distractors, then answers from all results", () => {
    for (let seed = 0; seed < 20; seed++) {
      const { turns } = play(start(TRIP), [...distractors, ...travel], seed);
      const calls = turns.flatMap((t) => t.calls);
      expect(calls.sort()).toEqual(["book_hotel", "get_weather", "search_flights"]);
      expect(turns.length).toBeGreaterThanOrEqual(3);
      const answer = turns.at(-1)!;
      expect(answer.calls).toEqual([]);
      for (const name of calls) expect(answer.text).toContain(`${name}: {"ok":true,"from":"${name}"}`);
    }
  });

  it("is deterministic for a seed", () => {
    const a = play(start(TRIP), travel, 7);
    const b = play(start(TRIP), travel, 7);
    expect(b.messages).toEqual(a.messages);
  });

  it("answers after one tool when only one fits", () => {
    const { turns } = play(start("What is the weather in Oslo tomorrow?"), [...travel, ...distractors], 3);
    expect(turns.map((t) => t.calls)).toEqual([["get_weather"], []]);
  });

  it("calls two tools in parallel on the first turn when the request plainly names both", () => {
    const { turns } = play(start("Book a hotel room in Rome and check the weather forecast in Rome"), travel, 1);
    expect(turns[0].calls.sort()).toEqual(["book_hotel", "get_weather"]);
    expect(turns.at(-1)!.calls).toEqual([]);
  });

  it("always ends within the request's budget, never calling a tool twice for one request", () => {
    const tools = [...travel, ...distractors];
    const requests = [
      TRIP,
      "Flights, hotels, weather, currency, stock prices, emails, translations: everything for my trip to Rome",
      "Convert 200 euros to yen, send an email about it and translate the text",
      "Tell me a joke",
    ];
    for (const request of requests) {
      for (let seed = 0; seed < 10; seed++) {
        const { turns } = play(start(request), tools, seed);
        expect(turns.at(-1)!.calls).toEqual([]);
        const calls = turns.flatMap((t) => t.calls);
        expect(new Set(calls).size).toBe(calls.length);
        expect(calls.length).toBeLessThanOrEqual(MAX_TOOLS_PER_REQUEST);
      }
    }
  });

  it("answers a user's reply with at most one more tool", () => {
    const first = play(start(TRIP), travel, 2).messages;
    const { turns } = play([...first, { role: "user", content: "Make it 5 nights at the hotel instead, please." }], travel, 2);
    expect(turns.map((t) => t.calls)).toEqual([["book_hotel"], []]);
  });

  it("reads a history in the wire spelling (tool_calls, tool_call_id)", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "What is the weather in Oslo tomorrow?" },
      { role: "assistant", content: null, tool_calls: [{ id: "w1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
      { role: "tool", tool_call_id: "w1", content: '{"sky":"snow"}' },
    ];
    const reply = offlineChat({ messages, tools: travel, temperature: 0, maxTokens: 100 }, "offline");
    expect(reply.toolCalls).toEqual([]);
    expect(reply.text).toContain('get_weather: {"sky":"snow"}');
  });
});
