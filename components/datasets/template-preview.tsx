"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import type { PreviewInput, PreviewResult } from "@/lib/datasets/templates/preview";

type PreviewRecord = (input: PreviewInput) => Promise<PreviewResult>;
type RecordFile = { name: "train.jsonl" | "validation.jsonl"; records: number };

/**
 * A record of a dataset version as a trainer sees it: rendered through a
 * model's chat template, with the assistant turns (what is trained on)
 * highlighted.
 */
export function TemplatePreview({ datasetId, files, preview }: { datasetId: string; files: RecordFile[]; preview: PreviewRecord }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [file, setFile] = useState<RecordFile["name"]>(files[0]?.name ?? "train.jsonl");
  const records = files.find((f) => f.name === file)?.records ?? 0;
  return (
    <div className="space-y-3">
      <form
        className="grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end"
        action={(form) =>
          startTransition(async () => {
            const template = await templateOf(form);
            if (!template) return setResult({ ok: false, error: "Choose a template file (.jinja or tokenizer_config.json) or give a model id" });
            setResult(await preview({ datasetId, file, line: Number(form.get("line")), template }));
          })
        }
      >
        <Field label="File">
          <Select name="file" value={file} onChange={(e) => setFile(e.target.value as RecordFile["name"])}>
            {files.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name} ({f.records})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Record" hint={`1 to ${records}`}>
          <Input name="line" type="number" min={1} max={records} defaultValue={1} required />
        </Field>
        <Field label="Template file" hint=".jinja or tokenizer_config.json">
          <Input name="templateFile" type="file" accept=".jinja,.json,.j2,.txt" />
        </Field>
        <Field label="or model id" hint="Fetched from the hub when online">
          <Input name="modelId" placeholder="org/model" />
        </Field>
        <div className="md:col-span-4">
          <Button type="submit" disabled={pending || records === 0}>
            {pending ? "Rendering…" : "Preview"}
          </Button>
        </div>
      </form>
      <FormError message={result && !result.ok ? result.error : null} />
      {result?.ok && (
        <div className="space-y-2">
          <p className="text-xs text-slate-500">
            {result.file} record {result.line} through {result.template}. <mark className="rounded bg-emerald-100 px-1 text-emerald-900">Highlighted</mark> text
            is trained on (assistant turns).
          </p>
          {result.rendered.unlocated.length > 0 && (
            <p className="text-xs text-amber-700">
              {result.rendered.unlocated.length} assistant turn(s) render differently once the conversation goes on and are not highlighted (messages{" "}
              {result.rendered.unlocated.join(", ")}).
            </p>
          )}
          <pre className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-xs text-slate-700">
            {result.rendered.segments.map((s, i) =>
              s.trained ? (
                <mark key={i} className="rounded-sm bg-emerald-100 text-emerald-900">
                  {s.text}
                </mark>
              ) : (
                <span key={i}>{s.text}</span>
              ),
            )}
          </pre>
        </div>
      )}
    </div>
  );
}

async function templateOf(form: FormData): Promise<PreviewInput["template"] | null> {
  const modelId = String(form.get("modelId") ?? "").trim();
  const upload = form.get("templateFile");
  if (upload instanceof File && upload.size > 0) return { kind: "file", name: upload.name, text: slim(upload.name, await upload.text()) };
  return modelId ? { kind: "model", id: modelId } : null;
}

/** A tokenizer config can weigh megabytes of vocabulary: only its template and special tokens are sent. */
function slim(name: string, text: string): string {
  if (!name.toLowerCase().endsWith(".json")) return text;
  try {
    const config = JSON.parse(text) as Record<string, unknown>;
    return JSON.stringify(Object.fromEntries(Object.entries(config).filter(([k]) => k === "chat_template" || k.endsWith("_token"))));
  } catch {
    return text;
  }
}
