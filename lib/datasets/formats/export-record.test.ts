import { describe, expect, it } from "vitest";
import { reactDoc } from "../testing/react-doc";
import { endsOnCallDoc, flightsDoc, ORDERED_ARGS, PRETTY_ARGS, weatherDoc } from "../testing/sample-docs";
import { TEMPLATE_SAFE_ID } from "./call-ids";
import { exportRecord } from "./export-record";
import type { FormatId } from "./types";

const simulated = { imported: false, provider: "openai" };
const FORMAT_IDS: FormatId[] = ["openai", "trl", "sharegpt", "react"];

function written(format: FormatId, doc = flightsDoc, source = simulated) {
  const r = exportRecord(format, doc, source);
  if (!r.ok) throw new Error(`refused: ${r.reasons.join("; ")}`);
  return r;
}

// the line's record, read back as a trainer reads it
const lineOf = (format: FormatId, doc = flightsDoc) => JSON.parse(written(format, doc).line) as Record<string, never>;

describe("arguments leave as the model wrote them", () => {
  it("openai: function.arguments is the model's text, byte for byte", () => {
    const calls = lineOf("openai").messages[2]["tool_calls"] as { function: { arguments: string } }[];
    expect(calls.map((c) => c.function.arguments)).toEqual([PRETTY_ARGS, ORDERED_ARGS]);
  });

  it("sharegpt: the function_call value carries the model's text inside it", () => {
    const turns = lineOf("sharegpt").conversations as { from: string; value: string }[];
    expect(turns[1].value).toBe(`[{"name": "search_flights", "arguments": ${PRETTY_ARGS}}, {"name": "search_flights", "arguments": ${ORDERED_ARGS}}]`);
  });

  it("trl and react: object arguments are the model's text in the line; pretty-printed ones lose only their line breaks, and the manifest hears it", () => {
    for (const format of ["trl", "react"] as const) {
      const r = written(format);
      expect(r.line).toContain(ORDERED_ARGS);
      expect(r.line).toContain('{"origin": "SFO","destination": "JFK","date": "2026-12-24"}');
      expect(r.adjustments).toContain("arguments_on_one_line");
    }
    // react's rendered text keeps the pretty-printed text whole
    expect(lineOf("react").text).toContain(`[[ ## tool_args_0 ## ]]\n${PRETTY_ARGS}`);
    // the record handed to a chat template holds the same keys in the model's order
    const record = written("trl").record as { messages: { tool_calls?: { function: { arguments: object } }[] }[] };
    expect(Object.keys(record.messages[2].tool_calls![0].function.arguments)).toEqual(["origin", "destination", "date"]);
  });
});

describe("template-friendly chat records", () => {
  it("openai: content on every message (null beside calls), named tool messages, parallel_tool_calls, nine-character ids for studio-made ones", () => {
    const record = lineOf("openai");
    const messages = record.messages as Record<string, unknown>[];
    expect(messages.every((m) => "content" in m)).toBe(true);
    expect(messages[2].content).toBeNull();
    expect(record.parallel_tool_calls).toBe(true);
    const ids = (messages[2].tool_calls as { id: string }[]).map((c) => c.id);
    expect(ids.every((id) => TEMPLATE_SAFE_ID.test(id))).toBe(true);
    expect(messages.slice(3, 5)).toEqual([
      { role: "tool", tool_call_id: ids[0], name: "search_flights", content: '[{"flight":"UA 1"}]' },
      { role: "tool", tool_call_id: ids[1], name: "search_flights", content: '[{"flight":"AF 2"}]' },
    ]);
    expect(written("openai").adjustments).toContain("call_ids_generated");
  });

  it("keeps a source's own ids, even short ones", () => {
    const record = written("openai", flightsDoc, { imported: true, provider: "" }).record as { messages: { tool_calls?: { id: string }[] }[] };
    expect(record.messages[2].tool_calls!.map((c) => c.id)).toEqual(["call_2_0", "call_2_1"]);
    const provider = written("openai", weatherDoc).record as { messages: { tool_calls?: { id: string }[] }[] };
    expect(provider.messages[2].tool_calls!.map((c) => c.id)).toEqual(["call_a", "call_b"]);
  });
});

describe("a ReAct trajectory as chat data", () => {
  it.each(["openai", "trl", "sharegpt"] as const)("%s: thoughts as text with native calls, finish as the assistant's replies, no protocol text", (format) => {
    const r = written(format, reactDoc);
    expect(r.line).not.toContain("[[ ##");
    expect(r.line).not.toMatch(/"name": ?"finish"/);
    expect(r.line).not.toContain("respond_to_user");
  });

  it("trl: an empty user turn, then the greeting, the thought as the calling turn's text, the model's reasoning once, the last reply last", () => {
    const { messages } = written("trl", reactDoc).record as { messages: Record<string, unknown>[] };
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ["system", "You are a weather assistant."],
      ["user", ""],
      ["assistant", "Hello! Which city?"],
      ["user", "Paris, please."],
      ["assistant", "Look up Paris."],
      ["tool", '{"temp":21}'],
      ["assistant", "21°C in Paris."],
      ["user", "Thanks!"],
      ["assistant", "You're welcome."],
    ]);
    expect(messages[4].reasoning_content).toBe("The model's own reasoning.");
    expect(messages[2]).not.toHaveProperty("reasoning_content");
  });

  it("sharegpt: an empty human turn before the greeting, the thought as <think>, strict alternation", () => {
    const r = written("sharegpt", reactDoc);
    const turns = (r.record as { conversations: { from: string; value: string }[] }).conversations;
    expect(turns.map((t) => t.from)).toEqual(["human", "gpt", "human", "function_call", "observation", "gpt", "human", "gpt"]);
    expect(turns[0].value).toBe("");
    expect(turns[3].value).toBe('<think>Look up Paris.</think>{"name": "get_weather", "arguments": {"unit": "c", "city": "Paris"}}');
    expect(r.adjustments).toEqual(expect.arrayContaining(["empty_user_turn", "text_as_thought"]));
  });

  it("react: every turn kept, each reply a finish step answered by the user's next message, finish declared, the real answer", () => {
    const record = written("react", reactDoc).record as { question: string; trajectory: Record<string, unknown>; answer: string; tools: { name: string }[] };
    expect(record.question).toBe("");
    const names = Object.entries(record.trajectory)
      .filter(([k]) => k.startsWith("tool_name_"))
      .map(([, v]) => v);
    expect(names).toEqual(["finish", "get_weather", "finish", "finish"]);
    expect(record.trajectory).toMatchObject({
      tool_args_0: { answer: "Hello! Which city?" },
      observation_0: "Paris, please.",
      thought_1: "Look up Paris.",
      tool_args_1: { unit: "c", city: "Paris" },
      observation_1: '{"temp":21}',
      observation_2: "Thanks!",
      tool_args_3: { answer: "You're welcome." },
      observation_3: "Completed.",
    });
    expect(record.answer).toBe("You're welcome.");
    expect(record.tools.map((t) => t.name)).toEqual(["get_weather", "finish"]);
  });

  it("react: a native trajectory's second user turn after a reply, and the finish written once with the answer", () => {
    const record = written("react", weatherDoc).record as { trajectory: Record<string, unknown>; answer: string };
    const finishes = Object.entries(record.trajectory).filter(([k, v]) => k.startsWith("tool_name_") && v === "finish");
    expect(finishes).toHaveLength(2);
    expect(record.trajectory).toMatchObject({ tool_name_2: "finish", observation_2: "Book a table for 2 at Chez Marie." });
    expect(record.answer).toBe("Booked: confirmation CM-42.");
  });
});

describe("records that cannot be valid are refused with their reasons", () => {
  it.each(FORMAT_IDS)("%s: an episode that ends on an unanswered call", (format) => {
    const r = exportRecord(format, endsOnCallDoc, simulated);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reasons.join(" ")).toMatch(/never answered|no observation|does not end/);
  });

  it.each(FORMAT_IDS)("%s: a call of a tool the trajectory never declared", (format) => {
    const doc = { ...weatherDoc, tools: weatherDoc.tools.map((t) => (t.name === "book_table" ? { ...t, undeclared: true } : t)) };
    const r = exportRecord(format, doc, simulated);
    expect(!r.ok && r.reasons.join(" ")).toMatch(/book_table.*not declared/);
  });

  it("arguments that are not JSON: openai writes the turn with weight 0 and the text as written; the other formats refuse", () => {
    const broken = { id: "call_1", name: "get_weather", arguments: null, rawArguments: '{"city": "Lima"', argumentsError: "not JSON" };
    const doc = {
      ...endsOnCallDoc,
      messages: [
        endsOnCallDoc.messages[0],
        { ...endsOnCallDoc.messages[1], toolCalls: [broken] },
        { ...endsOnCallDoc.messages[1], role: "tool" as const, toolCalls: null, content: "error", toolCallId: "call_1", toolName: "get_weather" },
        { ...endsOnCallDoc.messages[1], toolCalls: null, content: "Sorry." },
      ],
    };
    const openai = written("openai", doc).record as { messages: Record<string, unknown>[] };
    expect(openai.messages[1]).toMatchObject({ weight: 0, tool_calls: [{ function: { arguments: '{"city": "Lima"' } }] });
    expect(openai.messages[3]).not.toHaveProperty("weight");
    for (const format of ["trl", "sharegpt", "react"] as const) {
      const r = exportRecord(format, doc, simulated);
      expect(!r.ok && r.reasons.join(" ")).toMatch(/not one JSON object/);
    }
  });

  it("a ReAct reply that could not be read has no chat form", () => {
    const doc = {
      ...reactDoc,
      messages: [
        ...reactDoc.messages.slice(0, 3),
        { ...reactDoc.messages[1], toolCalls: null, content: "I think…", violations: [{ code: "unparseable_step", message: "no fields" }] },
      ],
    };
    const r = exportRecord("openai", doc, simulated);
    expect(r).toEqual({ ok: false, reasons: ["step 3: a ReAct reply that could not be read has no chat form"] });
  });
});
