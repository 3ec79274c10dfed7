import "server-only";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { z } from "zod";
import { readArtifact } from "../../artifacts/store";
import type { Db } from "../../db/client";
import { formatIdSchema } from "../formats";
import { RecordError } from "../formats/errors";
import { manifestSchema } from "../manifest";
import { datasetFile } from "../files";
import { chatOfRecord } from "./records";
import { TemplateRaisedError, TemplateRenderError, TemplateSyntaxError } from "./render";
import { fetchModelTemplate, MODEL_ID, TemplateSourceError, templateFromText } from "./source";
import { renderWithTrainedSpans, type RenderedChat } from "./spans";

export const previewInputSchema = z
  .object({
    datasetId: z.string().min(1).max(64),
    file: z.enum(["train.jsonl", "validation.jsonl"]),
    /** 1-based record number in the file */
    line: z.number().int().min(1),
    template: z.discriminatedUnion("kind", [
      // a server action's body is at most 1 MB
      z.object({ kind: z.literal("file"), name: z.string().min(1).max(200), text: z.string().min(1).max(900_000) }).strict(),
      z.object({ kind: z.literal("model"), id: z.string().regex(MODEL_ID, "a model id is ORG/MODEL") }).strict(),
    ]),
  })
  .strict();
export type PreviewInput = z.infer<typeof previewInputSchema>;

export type PreviewResult =
  { ok: true; template: string; file: string; line: number; records: number; rendered: RenderedChat } | { ok: false; error: string; records?: number };

/** One record of a written dataset version rendered through a chat template, with its trained spans. */
export async function previewRecord(db: Db, input: PreviewInput): Promise<PreviewResult> {
  const d = await db.dataset.findUnique({ where: { id: input.datasetId } });
  const manifest = manifestSchema.safeParse(d?.manifest);
  if (!d?.path || !manifest.success) return { ok: false, error: "This dataset version is not written yet" };
  const entry = manifest.data.files.find((f) => f.name === input.file);
  if (!entry) return { ok: false, error: `This version has no ${input.file}` };
  if (input.line > entry.records) return { ok: false, error: `${input.file} has ${entry.records} records`, records: entry.records };
  try {
    const template = input.template.kind === "file" ? templateFromText(input.template.name, input.template.text) : await fetchModelTemplate(input.template.id);
    const stored = await datasetFile(db, input.datasetId, input.file);
    if (!stored) return { ok: false, error: `${input.file} of this version is not stored`, records: entry.records };
    const text = await readLine(await readArtifact(db, stored.artifactId), input.line);
    if (text === null) return { ok: false, error: `${input.file} has no record ${input.line}`, records: entry.records };
    const chat = chatOfRecord(formatIdSchema.parse(d.format), JSON.parse(text));
    return { ok: true, template: template.name, file: input.file, line: input.line, records: entry.records, rendered: renderWithTrainedSpans(template, chat) };
  } catch (e) {
    const error = userFacing(e);
    if (error === null) throw e;
    return { ok: false, error, records: entry.records };
  }
}

function userFacing(e: unknown): string | null {
  if (e instanceof TemplateRaisedError) return `The template refuses this record: ${e.message}`;
  if (e instanceof TemplateRenderError) return `The template fails on this record: ${e.message}`;
  if (e instanceof TemplateSyntaxError || e instanceof TemplateSourceError || e instanceof RecordError) return e.message;
  return null;
}

async function readLine(input: Readable, n: number): Promise<string | null> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let i = 0;
  try {
    for await (const line of lines) if (++i === n) return line;
    return null;
  } finally {
    lines.close();
    input.destroy();
  }
}
