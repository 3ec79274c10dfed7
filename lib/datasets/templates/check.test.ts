import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/db";
import { exportDataset } from "../export";
import { RecordError } from "../formats/errors";
import { datasetText } from "../testing/files";
import { cityDoc, saveWithVerdict } from "../testing/seed";
import { checkDatasetVersion, checkLines } from "./check";
import { fromTokenizerConfig, loadTemplateFile } from "./source";
import { templateFile, toolChat } from "./testing/chats";

const line = (o: unknown) => JSON.stringify(o);

describe("checking records against a chat template", () => {
  it("each record that the template refuses is a failure with its line and the template's message", async () => {
    const hermes = await loadTemplateFile(templateFile("chatml-hermes.jinja"));
    const good = toolChat();
    const unnamed = toolChat();
    delete unnamed.messages[3].name;
    const result = await checkLines(hermes, "openai", "train.jsonl", [line(good), line(unnamed), "", "{not json", line({ messages: [] }), line(good)]);
    expect(result).toMatchObject({ template: "chatml-hermes.jinja", checked: 5, failed: 3 });
    expect(result.failures).toEqual([
      { file: "train.jsonl", line: 2, kind: "raised", message: "Tool messages must have a name: the tool response is tagged with it" },
      { file: "train.jsonl", line: 4, kind: "record", message: expect.stringMatching(/JSON/) },
      { file: "train.jsonl", line: 5, kind: "record", message: "messages: has no messages" },
    ]);
  });

  it("a ShareGPT record is converted to messages before it is rendered", async () => {
    const chatml = fromTokenizerConfig("cfg", {
      chat_template: "{% for m in messages %}<{{ m.role }}>{{ m.content }}{% if m.tool_calls %}{{ m.tool_calls[0].function.name }}{% endif %}{% endfor %}",
    });
    const record = {
      conversations: [
        { from: "human", value: "hi" },
        { from: "function_call", value: '{"name":"get_weather","arguments":{"city":"Oslo"}}' },
        { from: "observation", value: "4C" },
        { from: "gpt", value: "4C in Oslo" },
      ],
      system: "",
      tools: "[]",
    };
    expect(await checkLines(chatml, "sharegpt", "train.jsonl", [line(record)])).toMatchObject({ checked: 1, failed: 0 });
    const refusing = fromTokenizerConfig("cfg", {
      chat_template: "{% for m in messages %}{% if m.role == 'tool' %}{{ raise_exception('tool turn ' ~ loop.index0) }}{% endif %}{% endfor %}",
    });
    const result = await checkLines(refusing, "sharegpt", "train.jsonl", [line(record)]);
    expect(result.failures).toEqual([{ file: "train.jsonl", line: 1, kind: "raised", message: "tool turn 2" }]);
  });

  it("the ReAct format is refused as a whole: it is not chat messages", async () => {
    const t = fromTokenizerConfig("cfg", { chat_template: "x" });
    await expect(checkLines(t, "react", "train.jsonl", [line({ question: "q" })])).rejects.toThrow(RecordError);
  });
});

describe("checking a written dataset version", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    for (let i = 0; i < 5; i++) await saveWithVerdict(t.db, cityDoc(i), { verdict: "accepted" });
  });

  it("every file of the version is rendered and the refused records are reported by file and line", async () => {
    const { dataset } = await exportDataset(t.db, { name: "checked", format: "trl", validationFraction: 0.5, seed: "s" });
    const template = fromTokenizerConfig("cfg", {
      chat_template:
        "{% for m in messages %}{% if m.content and 'City-3' in m.content %}{{ raise_exception('no City-3 please') }}{% endif %}{{ m.content }}{% endfor %}",
    });
    const result = await checkDatasetVersion(t.db, dataset.id, template);
    expect(result).toMatchObject({ checked: 5, failed: 1 });
    const [failure] = result.failures;
    expect(failure).toMatchObject({ kind: "raised", message: "no City-3 please" });
    const refused = (await datasetText(t.db, dataset.id, failure.file as "train.jsonl" | "validation.jsonl")).split("\n")[failure.line - 1];
    expect(refused).toContain("City-3");
  });
});
