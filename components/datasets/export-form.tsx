"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";

type FormatOption = { id: "openai" | "trl" | "sharegpt" | "react"; title: string };
type ExportInput = {
  name: string;
  format: FormatOption["id"];
  filter: { verdict: "accepted" | "rejected" | "any"; runIds: string[]; agentIds: string[] };
  validationFraction: number;
  seed: string;
  dedup: boolean;
};
type StartExport = (input: ExportInput) => Promise<{ ok: true; runId: string } | { ok: false; error: string }>;

const ids = (text: FormDataEntryValue | null) => String(text ?? "").split(/[\s,]+/).filter(Boolean);

/** Starts an export run: a new version of the named dataset, written by the export stage. */
export function ExportForm({ formats, start }: { formats: FormatOption[]; start: StartExport }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ error?: string; runId?: string }>({});
  return (
    <form
      className="grid grid-cols-1 gap-3 md:grid-cols-4 md:items-end"
      action={(form) =>
        startTransition(async () => {
          const res = await start({
            name: String(form.get("name") ?? ""),
            format: form.get("format") as FormatOption["id"],
            filter: { verdict: form.get("verdict") as ExportInput["filter"]["verdict"], runIds: ids(form.get("runIds")), agentIds: ids(form.get("agentIds")) },
            validationFraction: Number(form.get("validation") ?? 0) / 100,
            seed: String(form.get("seed") || "studio"),
            dedup: form.get("dedup") === "on",
          });
          setResult(res.ok ? { runId: res.runId } : { error: res.error });
        })
      }
    >
      <Field label="Dataset name" hint="A new version each time you export under this name">
        <Input name="name" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" defaultValue="tool-use" />
      </Field>
      <Field label="Format">
        <Select name="format" defaultValue="openai">
          {formats.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Effective verdict">
        <Select name="verdict" defaultValue="accepted">
          <option value="accepted">accepted</option>
          <option value="rejected">rejected</option>
          <option value="any">any</option>
        </Select>
      </Field>
      <Field label="Validation split (% of tasks)" hint="0 for train only; a task never lands in both">
        <Input name="validation" type="number" min={0} max={50} step={1} defaultValue={0} />
      </Field>
      <Field label="Only these runs" hint="Run ids, separated by spaces or commas">
        <Input name="runIds" placeholder="all runs" />
      </Field>
      <Field label="Only these agents" hint="Agent ids">
        <Input name="agentIds" placeholder="all agents" />
      </Field>
      <Field label="Split seed">
        <Input name="seed" defaultValue="studio" maxLength={64} />
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="dedup" className="rounded border-slate-300" /> Drop duplicate conversations
      </label>
      <div className="flex items-center gap-3 md:col-span-4">
        <Button type="submit" disabled={pending}>
          {pending ? "Starting…" : "Export"}
        </Button>
        {result.runId && (
          <span className="text-sm text-emerald-700">
            Export started.{" "}
            <Link href="/runs" className="text-indigo-600 hover:underline">
              Follow it on Runs →
            </Link>
          </span>
        )}
      </div>
      <div className="md:col-span-4">
        <FormError message={result.error} />
      </div>
    </form>
  );
}
