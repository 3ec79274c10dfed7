import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/db";
import { exportDataset } from "../export";
import { reactDoc } from "../testing/react-doc";
import { cityDoc, saveWithVerdict } from "../testing/seed";
import { checkDatasetVersion } from "./check";
import { loadTemplateFile } from "./source";
import { templateFile, TEST_TEMPLATES } from "./testing/chats";

// What the studio exports must render through the templates trainers use:
// a ReAct trajectory (greeting before the user, thoughts, `finish` ending each
// turn, studio-made ids) and a native one, in every chat format, through each
// test template. The native trajectory makes one call per turn: parallel calls
// are refused by Llama 3.1-style templates, by design of that template.

describe("exports render through every test chat template", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await saveWithVerdict(t.db, reactDoc, { verdict: "accepted" });
    await saveWithVerdict(t.db, cityDoc(7), { verdict: "accepted" });
  });

  it.each(["openai", "trl", "sharegpt"] as const)("a ReAct and a native trajectory exported as %s render through each template", async (format) => {
    const { dataset, manifest } = await exportDataset(t.db, { name: `render-${format}`, format });
    expect(manifest.counts).toMatchObject({ written: 2, refused: 0 });
    for (const name of TEST_TEMPLATES) {
      const result = await checkDatasetVersion(t.db, dataset.id, await loadTemplateFile(templateFile(name)));
      expect({ name, ...result }).toEqual({ name, template: name, checked: 2, failed: 0, failures: [] });
    }
  });
});
