import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/db";
import { exportDataset } from "../export";
import { cityDoc, saveWithVerdict } from "../testing/seed";
import { previewRecord, type PreviewInput } from "./preview";
import { templateFile } from "./testing/chats";

describe("previewing a record through a chat template", () => {
  let t: TestDb;
  let trlId: string;
  let reactId: string;
  const chatml = { kind: "file", name: "chatml-hermes.jinja", text: readFileSync(templateFile("chatml-hermes.jinja"), "utf8") } as const;
  beforeAll(async () => {
    t = await createTestDb();
    for (let i = 0; i < 3; i++) await saveWithVerdict(t.db, cityDoc(i), { verdict: "accepted" });
    trlId = (await exportDataset(t.db, { name: "preview", format: "trl" })).dataset.id;
    reactId = (await exportDataset(t.db, { name: "preview-react", format: "react" })).dataset.id;
  });

  const preview = (input: Partial<PreviewInput>) => previewRecord(t.db, { datasetId: trlId, file: "train.jsonl", line: 1, template: chatml, ...input });

  it("the record is rendered and only its assistant turns are marked trained", async () => {
    const r = await preview({ line: 2 });
    if (!r.ok) throw new Error(r.error);
    expect(r).toMatchObject({ template: "chatml-hermes.jinja", records: 3, line: 2 });
    const trained = r.rendered.segments.filter((s) => s.trained).map((s) => s.text);
    expect(trained).toHaveLength(2);
    expect(trained[0]).toMatch(/^<tool_call>\n\{"name": "get_weather", "arguments": \{"city": "City-\d"\}\}\n<\/tool_call><\|im_end\|>\n$/);
    expect(trained[1]).toMatch(/^\d+°C in City-\d\.<\|im_end\|>\n$/);
    expect(
      r.rendered.segments
        .filter((s) => !s.trained)
        .map((s) => s.text)
        .join(""),
    ).toMatch(/<\|im_start\|>user\nWeather in City-\d\?<\|im_end\|>/);
  });

  it("a refusal, a record past the end and a format that is not chat are told to the user", async () => {
    const refusing = { kind: "file", name: "r.jinja", text: "{{ raise_exception('not today') }}" } as const;
    expect(await preview({ template: refusing })).toEqual({ ok: false, error: "The template refuses this record: not today", records: 3 });
    expect(await preview({ line: 4 })).toEqual({ ok: false, error: "train.jsonl has 3 records", records: 3 });
    expect(await preview({ file: "validation.jsonl" })).toEqual({ ok: false, error: "This version has no validation.jsonl" });
    expect(await preview({ datasetId: reactId })).toMatchObject({ ok: false, error: expect.stringMatching(/the react format is not chat messages/) });
  });
});
