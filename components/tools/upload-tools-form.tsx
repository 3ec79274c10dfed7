"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { StageActionResult } from "@/lib/jobs/runs";
import { ActionFeedback } from "./action-feedback";

/** Uploads a tool file (MCP tools/list, OpenAI tools, arrays or JSONL) as a new file source and harvests it. */
export function UploadToolsForm({ upload }: { upload: (form: FormData) => Promise<StageActionResult> }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<StageActionResult | null>(null);
  return (
    <form action={(form) => startTransition(async () => setResult(await upload(form)))} className="space-y-3" data-testid="upload-tools-form">
      <Field
        label="Tool file"
        hint="MCP tools/list results, OpenAI tool or function definitions, arrays of them or JSON Lines (up to 1 MB). Messy specs are normalized; what cannot be is rejected with a reason."
      >
        <Input name="file" type="file" required accept=".json,.jsonl,.ndjson,application/json" />
      </Field>
      <Field label="Source name (optional)" hint="Defaults to file-<file name>">
        <Input name="sourceName" />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Uploading…" : "Upload and import"}
        </Button>
        <ActionFeedback result={result} />
      </div>
    </form>
  );
}
