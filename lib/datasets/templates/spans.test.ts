import { describe, expect, it } from "vitest";
import { fromTokenizerConfig, loadTemplateFile } from "./source";
import { renderWithTrainedSpans } from "./spans";
import { templateFile, TEST_TEMPLATES, toolChat } from "./testing/chats";

const trained = (r: ReturnType<typeof renderWithTrainedSpans>) => r.segments.filter((s) => s.trained).map((s) => s.text);

describe("trained spans of a rendered conversation", () => {
  it("in ChatML the trained spans are exactly the assistant turns with their end token", async () => {
    const r = renderWithTrainedSpans(await loadTemplateFile(templateFile("chatml-hermes.jinja")), toolChat());
    expect(trained(r)).toEqual([
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call><|im_end|>\n',
      "Paris is 21°C and clear.<|im_end|>\n",
      "You're welcome.<|im_end|>\n",
    ]);
    expect(r.unlocated).toEqual([]);
  });

  it.each(TEST_TEMPLATES)("with %s every assistant turn is located and the segments make up the whole text", async (name) => {
    const r = renderWithTrainedSpans(await loadTemplateFile(templateFile(name)), toolChat());
    expect(r.segments.map((s) => s.text).join("")).toBe(r.text);
    expect(r.unlocated).toEqual([]);
    expect(trained(r)).toHaveLength(3);
    expect(trained(r)[1]).toContain("Paris is 21°C and clear.");
    expect(trained(r).join("")).not.toContain("Weather in Paris?");
  });

  it("after tool results DeepSeek V3 opens the reply without an assistant prefix, and the span starts at the reply", async () => {
    const r = renderWithTrainedSpans(await loadTemplateFile(templateFile("deepseek-v3.jinja")), toolChat());
    expect(trained(r)[1]).toBe("Paris is 21°C and clear.<｜end▁of▁sentence｜>");
  });

  it("a turn the template renders differently once it is no longer last stays unlocated instead of highlighted wrongly", () => {
    const t = fromTokenizerConfig("cfg", {
      chat_template: "{% for m in messages %}{% if m.role == 'assistant' and loop.last %}[last]{% endif %}{{ m.role }}: {{ m.content }}\n{% endfor %}",
    });
    const r = renderWithTrainedSpans(t, {
      messages: [
        { role: "user", content: "a" },
        { role: "assistant", content: "b" },
        { role: "user", content: "c" },
        { role: "assistant", content: "d" },
      ],
    });
    expect(r.unlocated).toEqual([1]);
    expect(trained(r)).toEqual(["[last]assistant: d\n"]);
  });
});
