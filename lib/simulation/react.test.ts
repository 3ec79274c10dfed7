import { describe, expect, it } from "vitest";
import { finishTool, parseReactStep, renderReactInstructions, renderReactStep, type ReactParse } from "./react";

const TOOLS = ["search_flights", "get_weather", "finish"];

function parsed(text: string): Extract<ReactParse, { ok: true }> {
  const r = parseReactStep(text, { toolNames: TOOLS });
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe("ReAct parsing: what real models write", () => {
  it("reads DSPy's field markers", () => {
    const r = parsed(`[[ ## next_thought ## ]]
The user wants flights from Paris to Rome on the 12th. I should search.

[[ ## next_tool_name ## ]]
search_flights

[[ ## next_tool_args ## ]]
{"origin": "CDG", "destination": "FCO", "date": "2026-12-12"}

[[ ## completed ## ]]`);
    expect(r).toMatchObject({
      format: "markers",
      thought: "The user wants flights from Paris to Rome on the 12th. I should search.",
      toolName: "search_flights",
      args: { origin: "CDG", destination: "FCO", date: "2026-12-12" },
      repairs: [],
    });
    expect(r.argsError).toBeUndefined();
  });

  it("reads markers whose values are quoted, fenced and followed by prose", () => {
    const r = parsed(`[[ ## next_thought ## ]]
Weather first.
[[ ## next_tool_name ## ]]
"get_weather"
[[ ## next_tool_args ## ]]
\`\`\`json
{'city': 'Rome', 'unit': 'celsius'}
\`\`\`
I will then compare the forecast.`);
    expect(r).toMatchObject({ toolName: "get_weather", args: { city: "Rome", unit: "celsius" } });
    expect(r.repairs).toContain("repaired next_tool_args into JSON");
  });

  it("reads a JSON object, also inside a code fence with prose around it", () => {
    expect(parsed('{"next_thought": "Done.", "next_tool_name": "finish", "next_tool_args": {"answer": "Flight AZ 319 at 09:05."}}')).toMatchObject({
      format: "json",
      toolName: "finish",
      args: { answer: "Flight AZ 319 at 09:05." },
    });
    const fenced = parsed(`Sure, here is my next step:
\`\`\`json
{
  "next_thought": "I need the weather in Rome.",
  "next_tool_name": "get_weather",
  "next_tool_args": {"city": "Rome"},
}
\`\`\`
Let me know if you need anything else!`);
    expect(fenced).toMatchObject({ format: "json", thought: "I need the weather in Rome.", toolName: "get_weather", args: { city: "Rome" } });
  });

  it("reads Python-dict style JSON with single quotes and True/None", () => {
    const r = parsed(
      "{'next_thought': 'search', 'next_tool_name': 'search_flights', 'next_tool_args': {'origin': 'CDG', 'flexible': True, 'max_price': None}}",
    );
    expect(r.args).toEqual({ origin: "CDG", flexible: true, max_price: null });
  });

  it("reads arguments given as a JSON-encoded string", () => {
    const r = parsed('{"next_thought": "x", "next_tool_name": "get_weather", "next_tool_args": "{\\"city\\": \\"Oslo\\"}"}');
    expect(r.args).toEqual({ city: "Oslo" });
  });

  it("reads short aliases and a nested action object", () => {
    expect(parsed('{"thought": "t", "tool": "get_weather", "args": {"city": "Lima"}}')).toMatchObject({ toolName: "get_weather", args: { city: "Lima" } });
    expect(parsed('{"thought": "t", "action": {"name": "get_weather", "arguments": {"city": "Lima"}}}')).toMatchObject({
      toolName: "get_weather",
      args: { city: "Lima" },
    });
  });

  it("reads plain labels and classic Thought/Action/Action Input", () => {
    expect(parsed('next_thought: I should check the weather.\nnext_tool_name: get_weather\nnext_tool_args: {"city": "Paris"}')).toMatchObject({
      format: "labels",
      thought: "I should check the weather.",
      toolName: "get_weather",
      args: { city: "Paris" },
    });
    expect(parsed('Thought: Let me look up flights.\nAction: search_flights\nAction Input: {"origin": "LHR"}')).toMatchObject({
      thought: "Let me look up flights.",
      toolName: "search_flights",
      args: { origin: "LHR" },
    });
    expect(parsed('**Thought:** checking\n**Action:** `get_weather`\n**Action Input:** {"city": "Oslo"}')).toMatchObject({
      toolName: "get_weather",
      args: { city: "Oslo" },
    });
  });

  it("takes the thought from a <think> block when there is no next_thought", () => {
    const r = parsed('<think>The user needs the weather.</think>\n{"next_tool_name": "get_weather", "next_tool_args": {"city": "Oslo"}}');
    expect(r.thought).toBe("The user needs the weather.");
    expect(r.toolName).toBe("get_weather");
  });

  it("tolerates missing thought and missing args", () => {
    const r = parsed("[[ ## next_tool_name ## ]]\nget_weather");
    expect(r).toMatchObject({ thought: null, toolName: "get_weather", args: {}, rawArgs: "" });
    expect(r.repairs).toContain("no next_tool_args: read as {}");
  });

  it("resolves a tool name that differs in case or decoration", () => {
    expect(parsed("[[ ## next_tool_name ## ]]\n`Get_Weather`\n[[ ## next_tool_args ## ]]\n{}").toolName).toBe("get_weather");
    expect(parsed("[[ ## next_tool_name ## ]]\nfunctions.search_flights()\n[[ ## next_tool_args ## ]]\n{}").toolName).toBe("search_flights");
    expect(parsed("[[ ## next_tool_name ## ]]\n**finish**.\n[[ ## next_tool_args ## ]]\n{}").toolName).toBe("finish");
  });

  it("keeps an unknown tool name as written, for the episode to flag", () => {
    expect(parsed("[[ ## next_tool_name ## ]]\nbook_hotel\n[[ ## next_tool_args ## ]]\n{}").toolName).toBe("book_hotel");
  });

  it("reports arguments that cannot be read, keeping what was written", () => {
    const r = parsed('[[ ## next_thought ## ]]\nx\n[[ ## next_tool_name ## ]]\nget_weather\n[[ ## next_tool_args ## ]]\n{"city": "Par');
    expect(r.argsError).toMatch(/not valid JSON/);
    expect(r.rawArgs).toBe('{"city": "Par');
    expect(r.args).toBeNull();
  });

  it("fails on prose with no step in it, with a message that says how to answer", () => {
    const r = parseReactStep("The weather in Paris is sunny and 21°C. Have a nice trip!");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/\[\[ ## next_tool_name ## \]\]/);
  });

  it("fails when the markers carry a thought but no tool name", () => {
    const r = parseReactStep("[[ ## next_thought ## ]]\nhmm\n[[ ## next_tool_args ## ]]\n{}");
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toMatch(/no next_tool_name/);
  });

  it("fails on JSON without a tool name", () => {
    expect(parseReactStep('{"answer": "42"}').ok).toBe(false);
  });

  it("reads back what renderReactStep writes", () => {
    const step = { thought: "Plan: check weather.", toolName: "get_weather", args: { city: "Oslo", days: 3 } };
    expect(parsed(renderReactStep(step))).toMatchObject(step);
  });
});

describe("ReAct instructions", () => {
  const tools = [
    {
      name: "get_weather",
      description: "Current weather for a city",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  ];

  it("lists every tool with its description and arguments, then finish", () => {
    const text = renderReactInstructions(tools, { interactive: false });
    expect(text).toContain('(1) get_weather, whose description is <desc>Current weather for a city</desc>. It takes arguments {"city":{"type":"string"}}.');
    expect(text).toMatch(/\(2\) finish, whose description is <desc>Marks the task as complete/);
    expect(text).toContain("[[ ## next_tool_args ## ]]");
  });

  it("describes finish as the reply to the user in interactive mode, and never lists it twice", () => {
    const text = renderReactInstructions([...tools, finishTool(false)], { interactive: true });
    expect(text.match(/ finish, whose/g)).toHaveLength(1);
    expect(text).toMatch(/sends `answer` to the user/);
  });
});
