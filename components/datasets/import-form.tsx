"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";

/** Uploads a file of trajectories from elsewhere (JSON Lines or one JSON document) and starts an import run on it. */
export function ImportForm() {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ error?: string; runId?: string }>({});

  async function upload() {
    if (!file) return;
    setPending(true);
    setResult({});
    try {
      // the file is the body as is, so the server streams it to disk whatever its size
      const res = await fetch(`/api/datasets/import?name=${encodeURIComponent(file.name)}`, { method: "POST", body: file });
      const body = (await res.json().catch(() => ({}))) as { ok?: boolean; runId?: string; error?: string };
      setResult(body.ok && body.runId ? { runId: body.runId } : { error: body.error ?? `Upload failed (${res.status})` });
      await client.invalidateQueries({ queryKey: ["runs"] }); // the latest-runs list follows the import
    } catch (e) {
      setResult({ error: e instanceof Error ? e.message : "Upload failed" });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      <Field
        label="Trajectory file (.jsonl, .json, .traj)"
        hint="JSON Lines, a JSON array, an object holding the records (τ² simulations…) or one trajectory: OpenAI chat, TRL / Hugging Face rows, ShareGPT with function calls, τ-bench, τ², ToolBench answers, SWE-agent .traj or OpenHands events; the shape is recognised record by record. A trajectory already in the studio is not stored twice."
      >
        <Input type="file" accept=".jsonl,.json,.ndjson,.traj,application/x-ndjson,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="button" variant="secondary" disabled={!file || pending} onClick={upload}>
          {pending ? "Uploading…" : "Upload and import"}
        </Button>
        {result.runId && (
          <span className="text-sm text-emerald-700">
            Import started.{" "}
            <Link href="/runs" className="text-indigo-600 hover:underline">
              Follow it on Runs →
            </Link>
          </span>
        )}
      </div>
      <FormError message={result.error} />
    </div>
  );
}
