import { describe, expect, it } from "vitest";
import { validateChatRecord, validateReactRecord, validateShareGptRecord } from "./validate";

const tool = (name: string) => ({ type: "function", function: { name, description: "", parameters: { type: "object", properties: {} } } });
const call = (id: string, name = "get_weather", args: unknown = '{"city":"Paris"}') => ({ id, type: "function", function: { name, arguments: args } });
const chat = (messages: object[], tools = [tool("get_weather")]) => ({ messages, tools });
const user = { role: "user", content: "Weather in Paris?" };
const reply = { role: "assistant", content: "Sunny." };
const answer = (id: string, name = "get_weather") => ({ role: "tool", tool_call_id: id, name, content: "sunny" });

describe("validating OpenAI and TRL records", () => {
  it("accepts a record whose calls are all answered, declared and end in a reply", () => {
    const record = chat([
      { role: "system", content: "s" },
      user,
      { role: "assistant", content: null, tool_calls: [call("a"), call("b")] },
      answer("b"),
      answer("a"),
      reply,
    ]);
    expect(validateChatRecord(record, "openai")).toEqual([]);
  });

  it("refuses a call with no tool message, a tool message for no open call, and one answering twice", () => {
    expect(validateChatRecord(chat([user, { role: "assistant", content: null, tool_calls: [call("a")] }, reply]), "openai")).toEqual([
      "messages.2: call a (get_weather) has no tool message before it",
    ]);
    expect(validateChatRecord(chat([user, { role: "assistant", content: null, tool_calls: [call("a")] }, answer("a"), answer("a"), reply]), "openai")).toEqual([
      "messages.3: the tool message answers a, which is not an open call",
    ]);
  });

  it("refuses a tool message that names another tool than its call, or no tool", () => {
    expect(
      validateChatRecord(
        chat([user, { role: "assistant", content: null, tool_calls: [call("a", "get_weather", { city: "Paris" })] }, answer("a", "other"), reply]),
        "trl",
      ),
    ).toEqual(["messages.2: the tool message names other, but call a is get_weather"]);
    expect(
      validateChatRecord(
        chat([
          user,
          { role: "assistant", content: null, tool_calls: [call("a", "get_weather", { city: "Paris" })] },
          { role: "tool", tool_call_id: "a", content: "x" },
          reply,
        ]),
        "trl",
      )[0],
    ).toMatch(/name/);
  });

  it("refuses a call of a tool not declared in tools", () => {
    expect(
      validateChatRecord(chat([user, { role: "assistant", content: null, tool_calls: [call("a", "finish")] }, answer("a", "finish"), reply]), "openai"),
    ).toEqual(["messages.1: calls finish, which is not declared in tools"]);
  });

  it("refuses a record that does not end on an assistant reply", () => {
    expect(validateChatRecord(chat([user]), "openai")).toEqual(["the conversation ends on a user message, not on an assistant reply"]);
    expect(validateChatRecord(chat([user, { role: "assistant", content: null, tool_calls: [call("a")] }, answer("a")]), "openai")).toEqual([
      "the conversation ends on a tool message, not on an assistant reply",
    ]);
  });

  it("refuses a system message inside the conversation and a reply with neither text nor a call", () => {
    expect(validateChatRecord(chat([user, { role: "system", content: "s" }, reply]), "openai")).toEqual([
      "messages.1: a system message inside the conversation",
    ]);
    expect(validateChatRecord(chat([user, { role: "assistant", content: "" }, user, reply]), "trl")).toEqual([
      "messages.1: an assistant turn with neither text nor a tool call",
    ]);
  });

  it("arguments must be one JSON object: OpenAI's text, unless the turn has weight 0; TRL's value", () => {
    const bad = chat([user, { role: "assistant", content: null, tool_calls: [call("a", "get_weather", '{"city": ')] }, answer("a"), reply]);
    expect(validateChatRecord(bad, "openai")).toEqual(["messages.1: the arguments of get_weather are not one JSON object"]);
    const weighted = chat([user, { role: "assistant", content: null, weight: 0, tool_calls: [call("a", "get_weather", '{"city": ')] }, answer("a"), reply]);
    expect(validateChatRecord(weighted, "openai")).toEqual([]);
    expect(
      validateChatRecord(
        chat([user, { role: "assistant", content: null, tool_calls: [call("a", "get_weather", { city: "Paris" })] }, answer("a"), reply]),
        "trl",
      ),
    ).toEqual([]);
    expect(
      validateChatRecord(
        chat([user, { role: "assistant", content: null, tool_calls: [call("a", "get_weather", '{"city":"Paris"}')] }, answer("a"), reply]),
        "trl",
      ),
    ).toEqual(["messages.1: the arguments of get_weather are not one JSON object"]);
  });

  it("refuses a call id used twice", () => {
    const record = chat([
      user,
      { role: "assistant", content: null, tool_calls: [call("a")] },
      answer("a"),
      { role: "assistant", content: null, tool_calls: [call("a")] },
      answer("a"),
      reply,
    ]);
    expect(validateChatRecord(record, "openai")).toEqual(["messages.3: call id a is used twice"]);
  });
});

describe("validating ShareGPT records as LLaMA-Factory reads them", () => {
  const tools = JSON.stringify([{ name: "get_weather", description: "", parameters: {} }]);
  const fc = (value: unknown) => ({ from: "function_call", value: JSON.stringify(value) });
  const sharegpt = (conversations: object[]) => ({ conversations, tools, system: "" });

  it("accepts human / function_call / observation / gpt in alternation", () => {
    expect(
      validateShareGptRecord(
        sharegpt([
          { from: "human", value: "?" },
          fc({ name: "get_weather", arguments: { city: "Paris" } }),
          { from: "observation", value: "sunny" },
          { from: "gpt", value: "Sunny." },
        ]),
      ),
    ).toEqual([]);
  });

  it("refuses a gpt turn followed by a function_call, and a conversation the agent opens", () => {
    expect(
      validateShareGptRecord(sharegpt([{ from: "human", value: "?" }, { from: "gpt", value: "Let me see." }, fc({ name: "get_weather", arguments: {} })])),
    ).toEqual(["conversations.2: a function_call turn where LLaMA-Factory's order needs human or observation"]);
    expect(validateShareGptRecord(sharegpt([{ from: "gpt", value: "Hi" }]))).toEqual([
      "conversations.0: a gpt turn where LLaMA-Factory's order needs human or observation",
    ]);
  });

  it("refuses parallel calls whose observation is not one text per call, undeclared tools and a record ending on a call", () => {
    const two = fc([
      { name: "get_weather", arguments: {} },
      { name: "get_weather", arguments: {} },
    ]);
    expect(
      validateShareGptRecord(sharegpt([{ from: "human", value: "?" }, two, { from: "observation", value: "sunny" }, { from: "gpt", value: "ok" }])),
    ).toEqual(["conversations.2: the observation of 2 parallel calls is not a JSON list of 2 texts"]);
    expect(
      validateShareGptRecord(
        sharegpt([{ from: "human", value: "?" }, fc({ name: "finish", arguments: {} }), { from: "observation", value: "x" }, { from: "gpt", value: "ok" }]),
      ),
    ).toEqual(["conversations.1: calls finish, which is not declared in tools"]);
    expect(validateShareGptRecord(sharegpt([{ from: "human", value: "?" }, fc({ name: "get_weather", arguments: {} })]))).toEqual([
      "conversations.1: the call has no observation after it",
      "the conversation does not end on a gpt turn",
    ]);
  });
});

describe("validating ReAct records", () => {
  const record = (trajectory: Record<string, unknown>) => ({
    question: "?",
    system: "",
    tools: [
      { name: "get_weather", description: "", parameters: {} },
      { name: "finish", description: "", parameters: {} },
    ],
    trajectory,
    answer: "",
    text: "",
  });

  it("accepts declared tools with observations ending in finish; refuses an undeclared tool, a missing observation and no finish", () => {
    expect(validateReactRecord(record({ thought_0: "", tool_name_0: "finish", tool_args_0: { answer: "hi" }, observation_0: "Completed." }))).toEqual([]);
    expect(validateReactRecord(record({ thought_0: "", tool_name_0: "respond_to_user", tool_args_0: {}, observation_0: null }))).toEqual([
      "trajectory.tool_name_0: respond_to_user is not declared in tools",
      "trajectory.observation_0: the call of respond_to_user has no observation",
      "the trajectory does not end with finish",
    ]);
  });
});
