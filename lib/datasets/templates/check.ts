import { createInterface } from "node:readline";
import { readArtifact } from "../../artifacts/store";
import type { Db } from "../../db/client";
import { formatIdSchema, type FormatId } from "../formats";
import { RecordError } from "../formats/errors";
import { manifestSchema } from "../manifest";
import { datasetFile, datasetFileSchema } from "../files";
import { assertChatFormat, chatOfRecord } from "./records";
import { parseAll, renderChat, TemplateRaisedError, TemplateRenderError } from "./render";
import type { ChatTemplate } from "./source";

export type CheckFailure = {
  file: string;
  /** 1-based line of the record in its file */
  line: number;
  /** raised: the template refused the record; render-error: the template broke on it; record: not a chat record */
  kind: "raised" | "render-error" | "record";
  message: string;
};
export type CheckResult = { template: string; checked: number; failed: number; failures: CheckFailure[] };

/** At most this many failures are kept with their message; all are counted. */
const KEPT_FAILURES = 1000;

/** Renders every record (one JSON object per line) through `template`; a record whose rendering raises is a failure. */
export async function checkLines(
  template: ChatTemplate,
  format: FormatId,
  file: string,
  lines: AsyncIterable<string> | Iterable<string>,
  into?: CheckResult,
): Promise<CheckResult> {
  assertChatFormat(format);
  parseAll(template);
  const result = into ?? { template: template.name, checked: 0, failed: 0, failures: [] };
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    result.checked++;
    const failure = checkOne(template, format, text);
    if (!failure) continue;
    result.failed++;
    if (result.failures.length < KEPT_FAILURES) result.failures.push({ file, line, ...failure });
  }
  return result;
}

function checkOne(template: ChatTemplate, format: FormatId, text: string): Pick<CheckFailure, "kind" | "message"> | null {
  try {
    renderChat(template, chatOfRecord(format, JSON.parse(text)));
    return null;
  } catch (e) {
    if (e instanceof TemplateRaisedError) return { kind: "raised", message: e.message };
    if (e instanceof TemplateRenderError) return { kind: "render-error", message: e.message };
    if (e instanceof RecordError || e instanceof SyntaxError) return { kind: "record", message: e.message };
    throw e;
  }
}

/** Checks every file of a written dataset version. */
export async function checkDatasetVersion(db: Db, datasetId: string, template: ChatTemplate): Promise<CheckResult> {
  const d = await db.dataset.findUnique({ where: { id: datasetId } });
  const manifest = manifestSchema.safeParse(d?.manifest);
  if (!d?.path || !manifest.success) throw new Error(`dataset version ${datasetId} is not written yet`);
  const format = formatIdSchema.parse(d.format);
  const result: CheckResult = { template: template.name, checked: 0, failed: 0, failures: [] };
  for (const f of manifest.data.files) {
    const stored = await datasetFile(db, datasetId, datasetFileSchema.parse(f.name));
    if (!stored) throw new Error(`${f.name} of dataset version ${datasetId} is not stored`);
    const input = await readArtifact(db, stored.artifactId);
    await checkLines(template, format, f.name, createInterface({ input, crlfDelay: Infinity }), result);
  }
  return result;
}
