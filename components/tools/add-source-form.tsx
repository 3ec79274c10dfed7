"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { NewSource } from "@/lib/catalog/source-config";
import type { UpdateSourceInput } from "@/lib/catalog/source-inputs";
import type { StageActionResult } from "@/lib/jobs/runs";
import { ActionFeedback } from "./action-feedback";

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** `KEY=value` (env) or `Name: value` (headers) lines as a record. */
function pairs(text: string, separator: "=" | ":"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines(text)) {
    const at = line.indexOf(separator);
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** A stored source being edited: its name and kind stay, its settings are shown as saved. */
export type EditedSource = { id: string; name: string; kind: "stdio" | "http"; config: Record<string, unknown> };

const asLines = (v: unknown) => (Array.isArray(v) ? v.map(String).join("\n") : "");
const asPairs = (v: unknown, separator: string) =>
  v && typeof v === "object"
    ? Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${k}${separator}${String(x)}`)
        .join("\n")
    : "";
const asText = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * Adds an MCP server the studio starts (stdio) or reaches (Streamable HTTP,
 * falling back to SSE), or, given `editing`, saves new settings for one.
 */
export function AddSourceForm({
  add,
  editing,
  save,
}: {
  add?: (input: NewSource) => Promise<StageActionResult>;
  editing?: EditedSource;
  save?: (input: UpdateSourceInput) => Promise<StageActionResult>;
}) {
  const [kind, setKind] = useState<"stdio" | "http">(editing?.kind ?? "stdio");
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<StageActionResult | null>(null);
  const c = editing?.config ?? {};

  function submit(form: FormData, element?: HTMLFormElement) {
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
    startTransition(async () => {
      const res =
        editing && save
          ? await save({ sourceId: editing.id, config: input.config })
          : add
            ? await add(input)
            : { ok: false as const, error: "Nothing to save with" };
      setResult(res);
      if (res.ok && !editing) element?.reset();
    });
  }

  return (
    <form
      onSubmit={(e) => {
        // kept in the fields after saving (a form action would reset them), so a refused save is corrected, not retyped
        e.preventDefault();
        submit(new FormData(e.currentTarget), e.currentTarget);
      }}
      className="space-y-3"
      data-testid={editing ? "edit-source-form" : "add-source-form"}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Name" hint={editing ? "Fixed: it prefixes the keys of its tools" : "Prefixes the keys of its tools (letters, digits, . _ - : @)"}>
          <Input name="name" required placeholder="github" defaultValue={editing?.name} readOnly={Boolean(editing)} />
        </Field>
        <Field label="Kind">
          <Select value={kind} disabled={Boolean(editing)} onChange={(e) => setKind(e.target.value as "stdio" | "http")}>
            <option value="stdio">stdio — a command the studio starts</option>
            <option value="http">HTTP — Streamable HTTP or SSE</option>
          </Select>
        </Field>
      </div>
      {kind === "stdio" ? (
        <>
          <Field label="Command" hint="An executable on the studio's machine, e.g. node or uvx">
            <Input name="command" required placeholder="node" defaultValue={asText(c.command)} />
          </Field>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field label="Arguments" hint="One per line">
              <Textarea name="args" rows={3} placeholder="/path/to/server.js" defaultValue={asLines(c.args)} />
            </Field>
            <Field label="Environment" hint="KEY=value, one per line">
              <Textarea name="env" rows={3} placeholder="API_TOKEN=…" defaultValue={asPairs(c.env, "=")} />
            </Field>
          </div>
          <Field label="Working folder (optional)">
            <Input name="cwd" defaultValue={asText(c.cwd)} />
          </Field>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field
              label="Folders it may read"
              hint="One per line; under bubblewrap the server sees nothing else of this machine but the system and its runtime"
            >
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
            <Input name="url" type="url" required placeholder="https://example.com/mcp" defaultValue={asText(c.url)} />
          </Field>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field label="Headers" hint="Name: value, one per line">
              <Textarea name="headers" rows={3} placeholder="Authorization: Bearer …" defaultValue={asPairs(c.headers, ": ")} />
            </Field>
            <Field label="Transport">
              <Select name="transport" defaultValue={asText(c.transport) || "auto"}>
                <option value="auto">Streamable HTTP, else SSE</option>
                <option value="streamable-http">Streamable HTTP only</option>
                <option value="sse">SSE only</option>
              </Select>
            </Field>
          </div>
        </>
      )}
      <Field label="Timeout (seconds)" hint="For connecting and for each page of tools">
        <Input name="timeout" type="number" min={1} max={600} defaultValue={typeof c.timeoutMs === "number" ? c.timeoutMs / 1000 : 30} />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {editing ? (pending ? "Saving…" : "Save") : pending ? "Adding…" : "Add source"}
        </Button>
        <ActionFeedback result={result} />
      </div>
    </form>
  );
}
