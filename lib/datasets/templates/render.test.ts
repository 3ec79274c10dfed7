import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderChat, TemplateRaisedError, TemplateRenderError, TemplateSyntaxError } from "./render";
import { fromTokenizerConfig, loadTemplateFile } from "./source";
import { templateFile, TEST_TEMPLATES, toolChat, toolChatWith } from "./testing/chats";

const load = (name: string) => loadTemplateFile(templateFile(name));

function raised(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateRaisedError) return e.message;
    throw e;
  }
  throw new Error("the template rendered without raising");
}

describe("rendering through chat templates", () => {
  it.each(TEST_TEMPLATES)("a conversation with content, named tool results and 9-character ids renders through %s", async (name) => {
    const text = renderChat(await load(name), toolChat());
    expect(text).toContain("Paris is 21°C and clear.");
    expect(text).toContain("Paris");
  });

  it("the ChatML/Hermes template refuses a tool message without a name", async () => {
    const hermes = await load("chatml-hermes.jinja");
    const chat = toolChatWith(3, ({ name: _name, ...m }) => m);
    expect(raised(() => renderChat(hermes, chat))).toBe("Tool messages must have a name: the tool response is tagged with it");
  });

  it("the DeepSeek V3 template refuses tool calls without a content field and accepts content null", async () => {
    const deepseek = await load("deepseek-v3.jinja");
    expect(renderChat(deepseek, toolChat())).toContain("<｜Assistant｜><｜tool▁calls▁begin｜>");
    const chat = toolChatWith(2, ({ content: _content, ...m }) => m);
    expect(raised(() => renderChat(deepseek, chat))).toBe("An assistant message with tool calls must have a content field (it may be null)");
  });

  it.each(["call_2_0", "react_2", "call_2_00", "a1B2c3D4eF"])("the Mistral template refuses the call id %s", async (id) => {
    const mistral = await load("mistral.jinja");
    const chat = toolChat();
    const call = (chat.messages[2].tool_calls as { id: string }[])[0];
    call.id = id;
    chat.messages[3].tool_call_id = id;
    expect(raised(() => renderChat(mistral, chat))).toBe("Tool call IDs should be alphanumeric strings with length 9!");
  });

  it("the Mistral template refuses two assistant texts in a row", async () => {
    const mistral = await load("mistral.jinja");
    const chat = toolChat();
    chat.messages.splice(5, 1); // the user's "Thanks!" goes: two assistant turns meet
    expect(raised(() => renderChat(mistral, chat))).toMatch(/^After the optional system message, conversation roles must alternate/);
  });

  it("the Llama 3.1 template refuses parallel calls in one turn", async () => {
    const llama = await load("llama31-json.jinja");
    const chat = toolChatWith(2, (m) => ({
      ...m,
      tool_calls: [...(m.tool_calls as unknown[]), { id: "b1B2c3D4e", type: "function", function: { name: "get_weather", arguments: { city: "Oslo" } } }],
    }));
    expect(raised(() => renderChat(llama, chat))).toBe("This model only supports single tool-calls at once!");
  });

  it("special tokens come from the tokenizer config beside a .jinja file, and a template missing them fails as a render error", async () => {
    expect(renderChat(await load("mistral.jinja"), toolChat())).toMatch(/^<s>\[AVAILABLE_TOOLS\]/);
    const dir = mkdtempSync(path.join(os.tmpdir(), "template-"));
    try {
      writeFileSync(path.join(dir, "mistral.jinja"), readFileSync(templateFile("mistral.jinja")));
      const bare = await loadTemplateFile(path.join(dir, "mistral.jinja"));
      expect(() => renderChat(bare, toolChat())).toThrow(TemplateRenderError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a tokenizer config with named templates renders tool_use when there are tools and default otherwise", () => {
    const t = fromTokenizerConfig("cfg", {
      chat_template: [
        { name: "default", template: "plain" },
        { name: "tool_use", template: "tools:{{ tools | length }}" },
      ],
    });
    expect(renderChat(t, toolChat())).toBe("tools:1");
    expect(renderChat(t, { messages: toolChat().messages })).toBe("plain");
  });

  it("add_generation_prompt is false unless asked for", async () => {
    const chatml = await load("chatml-hermes.jinja");
    const chat = { messages: [{ role: "user", content: "hi" }] };
    expect(renderChat(chatml, chat)).not.toContain("<|im_start|>assistant");
    expect(renderChat(chatml, chat, { addGenerationPrompt: true })).toMatch(/<\|im_start\|>assistant\n$/);
  });

  it("a template that is not Jinja is a syntax error", () => {
    const t = fromTokenizerConfig("cfg", { chat_template: "{% if %}" });
    expect(() => renderChat(t, toolChat())).toThrow(TemplateSyntaxError);
  });
});
