"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { NewSource } from "@/lib/catalog/source-config";
import type { ActionResult } from "./action-result";
import { ActionFeedback } from "./action-feedback";

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

/** `KEY=value` (env) or `Name: value` (headers) lines as a record. */
function pairs(text: string, separator: "=" | ":"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines(text)) {
    const at = line.indexOf(separator);
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** Adds an MCP server the studio starts (stdio) or reaches (Streamable HTTP, falling back to SSE). */
export function AddSourceForm({ add }: { add: (input: NewSource) => Promise<ActionResult> }) {
  const [kind, setKind] = useState<"stdio" | "http">("stdio");
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult | null>(null);

  function submit(form: FormData) {
    const text = (k: string) => String(form.get(k) ?? "");
    const timeoutMs = Math.round(Number(text("timeout") || "30") * 1000);
    const input: NewSource =
      kind === "stdio"
        ? {
            kind,
            name: text("name"),
            config: {
              command: text("command"),
              args: lines(text("args")),
              env: pairs(text("env"), "="),
              ...(text("cwd") ? { cwd: text("cwd") } : {}),
              folders: [...lines(text("readFolders")).map((p) => ({ path: p })), ...lines(text("writeFolders")).map((p) => ({ path: p, write: true }))],
              network: form.get("network") === "on",
              timeoutMs,
            },
          }
        : { kind, name: text("name"), config: { url: text("url"), headers: pairs(text("headers"), ":"), transport: text("transport") as "auto", timeoutMs } };
    startTransition(async () => setResult(await add(input)));
  }

  return (
    <form action={submit} className="space-y-3" data-testid="add-source-form">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Name" hint="Prefixes the keys of its tools (letters, digits, . _ - : @)">
          <Input name="name" required placeholder="github" />
        </Field>
        <Field label="Kind">
          <Select value={kind} onChange={(e) => setKind(e.target.value as "stdio" | "http")}>
            <option value="stdio">stdio — a command the studio starts</option>
            <option value="http">HTTP — Streamable HTTP or SSE</option>
          </Select>
        </Field>
      </div>
      {kind === "stdio" ? (
        <>
          <Field label="Command" hint="An executable on the studio's machine, e.g. node or uvx">
            <Input name="command" required placeholder="node" />
          </Field>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field label="Arguments" hint="One per line">
              <Textarea name="args" rows={3} placeholder="/path/to/server.js" />
            </Field>
            <Field label="Environment" hint="KEY=value, one per line">
              <Textarea name="env" rows={3} placeholder="API_TOKEN=…" />
            </Field>
          </div>
          <Field label="Working folder (optional)">
            <Input name="cwd" />
          </Field>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field label="Folders it may read" hint="One per line; under bubblewrap the server sees nothing else of this machine but the system and its runtime">
              <Textarea name="readFolders" rows={2} placeholder="/path/to/server" />
            </Field>
            <Field label="Folders it may change" hint="One per line">
              <Textarea name="writeFolders" rows={2} placeholder="/path/to/its/data" />
            </Field>
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="network" className="h-4 w-4" />
            Needs the network (npx and uvx fetch packages; most API servers call out)
          </label>
        </>
      ) : (
        <>
          <Field label="URL">
            <Input name="url" type="url" required placeholder="https://example.com/mcp" />
          </Field>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field label="Headers" hint="Name: value, one per line">
              <Textarea name="headers" rows={3} placeholder="Authorization: Bearer …" />
            </Field>
            <Field label="Transport">
              <Select name="transport" defaultValue="auto">
                <option value="auto">Streamable HTTP, else SSE</option>
                <option value="streamable-http">Streamable HTTP only</option>
                <option value="sse">SSE only</option>
              </Select>
            </Field>
          </div>
        </>
      )}
      <Field label="Timeout (seconds)" hint="For connecting and for each page of tools">
        <Input name="timeout" type="number" min={1} max={600} defaultValue={30} />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add source"}
        </Button>
        <ActionFeedback result={result} />
      </div>
    </form>
  );
}
