"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/components/tools/action-result";
import { requireRole } from "@/lib/auth/session";
import { addToolFile, testSource, ToolFileRejected } from "@/lib/catalog/source-actions";
import { SourcePolicyError } from "@/lib/catalog/mcp/policy";
import { addServerList, serverListSchema } from "@/lib/catalog/server-list";
import { newSourceSchema } from "@/lib/catalog/source-config";
import { CommandNotFound } from "@/lib/catalog/mcp/command-path";
import { createSource, deleteSource, setSourceDisabled, SourceChangeRefused, SourceNameTaken, updateSource } from "@/lib/catalog/sources";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";

const MAX_FILE_BYTES = 1024 * 1024;
const idSchema = z.string().min(1).max(64);
const uploadSchema = z.object({
  file: z
    .instanceof(File)
    .refine((f) => f.size > 0, "Choose a file")
    .refine((f) => f.size <= MAX_FILE_BYTES, "The file is larger than 1 MB: import it with `npm run studio -- import-tools FILE`"),
  sourceName: z.string().trim().max(80).optional(),
});

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "input"}: ${issue.message}` : "Invalid input";
}

export async function addSourceAction(input: unknown): Promise<ActionResult> {
  await requireRole("admin");
  const parsed = newSourceSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  try {
    const source = await createSource(db(), parsed.data, undefined, { commandMustExist: true });
    revalidatePath("/sources");
    return { ok: true, message: `Added ${source.name}: test it or harvest it below.` };
  } catch (e) {
    if (e instanceof SourceNameTaken || e instanceof SourcePolicyError || e instanceof CommandNotFound) return { ok: false, error: `Not saved: ${e.message}` };
    throw e;
  }
}

/** What a person can fix is told, anything else is thrown. */
function refused(e: unknown): ActionResult {
  if (e instanceof SourceChangeRefused || e instanceof SourcePolicyError || e instanceof CommandNotFound)
    return { ok: false, error: `Not saved: ${e.message}` };
  if (e instanceof z.ZodError) return { ok: false, error: `Not saved: ${firstIssue(e)}` };
  throw e;
}

/** New settings for a source (not built-in), checked as when it was added: a stdio command must exist here. */
export async function updateSourceAction(sourceId: unknown, config: unknown): Promise<ActionResult> {
  await requireRole("admin");
  const id = idSchema.safeParse(sourceId);
  if (!id.success) return { ok: false, error: firstIssue(id.error) };
  try {
    const source = await updateSource(db(), id.data, config, undefined, { commandMustExist: true });
    revalidatePath("/sources");
    return { ok: true, message: `Saved ${source.name}: test it or harvest it to see the change.` };
  } catch (e) {
    return refused(e);
  }
}

export async function setSourceDisabledAction(sourceId: unknown, disabled: unknown): Promise<ActionResult> {
  await requireRole("admin");
  const parsed = z.tuple([idSchema, z.boolean()]).safeParse([sourceId, disabled]);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error) };
  try {
    const source = await setSourceDisabled(db(), ...parsed.data);
    revalidatePath("/sources");
    return {
      ok: true,
      message: source.disabledAt ? `${source.name} is disabled: it is not harvested or started until enabled.` : `${source.name} is enabled.`,
    };
  } catch (e) {
    return refused(e);
  }
}

/** Deletes a source; its tools stay in the catalogue (see deleteSource). */
export async function deleteSourceAction(sourceId: unknown): Promise<ActionResult> {
  await requireRole("admin");
  const id = idSchema.safeParse(sourceId);
  if (!id.success) return { ok: false, error: firstIssue(id.error) };
  try {
    const gone = await deleteSource(db(), id.data);
    revalidatePath("/sources");
    return { ok: true, message: `Deleted ${gone.name}; its ${gone.toolsKept} tools stay in the catalogue.` };
  } catch (e) {
    return refused(e);
  }
}

export async function uploadToolFileAction(form: FormData): Promise<ActionResult> {
  const user = await requireRole("admin");
  const parsed = uploadSchema.safeParse({ file: form.get("file"), sourceName: form.get("sourceName") || undefined });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid upload" };
  const { file, sourceName } = parsed.data;
  try {
    const { source, preview } = await addToolFile(db(), { fileName: file.name, text: new Uint8Array(await file.arrayBuffer()), sourceName });
    const started = await startRun(db(), await queue(), { kind: "harvest", config: { sourceIds: [source.id] }, userId: user.id });
    revalidatePath("/sources");
    if (!started.ok) return started;
    return { ok: true, runId: started.runId, message: `${preview.tools} tools found (${preview.rejected} rejected): importing into ${source.name}.` };
  } catch (e) {
    if (e instanceof ToolFileRejected || e instanceof SourceNameTaken || e instanceof z.ZodError)
      return { ok: false, error: e instanceof z.ZodError ? firstIssue(e) : e.message };
    throw e;
  }
}

const serverListTextSchema = z.string().trim().min(2, "Paste the configuration").max(MAX_FILE_BYTES, "The configuration is larger than 1 MB");

/** An mcpServers (Claude Desktop, Cursor) or servers (VS Code) configuration: every server added as a source, then harvested in one run. */
export async function importServerListAction(text: unknown): Promise<ActionResult> {
  const user = await requireRole("admin");
  const body = serverListTextSchema.safeParse(text);
  if (!body.success) return { ok: false, error: firstIssue(body.error) };
  let json: unknown;
  try {
    json = JSON.parse(body.data);
  } catch (e) {
    return { ok: false, error: `Not JSON: ${(e as Error).message}` };
  }
  const config = serverListSchema.safeParse(json);
  if (!config.success) return { ok: false, error: 'Not an MCP server configuration: expected {"mcpServers": {...}} or {"servers": {...}}' };
  const { added, outcomes } = await addServerList(db(), config.data);
  revalidatePath("/sources");
  const notAdded = outcomes.map((o) => `${o.server}: ${o.status === "harvested" ? "" : o.reason}`).join("; ");
  if (!added.length) return { ok: false, error: `No server added. ${notAdded}` };
  const started = await startRun(db(), await queue(), { kind: "harvest", config: { sourceIds: added.map((a) => a.sourceId) }, userId: user.id });
  if (!started.ok) return started;
  return { ok: true, runId: started.runId, message: `Added ${added.map((a) => a.source).join(", ")}: harvesting.${notAdded ? ` Not added: ${notAdded}` : ""}` };
}

export async function testSourceAction(sourceId: string): Promise<ActionResult> {
  await requireRole("admin");
  const result = await testSource(db(), idSchema.parse(sourceId));
  if (!result.ok) return result;
  const server = result.serverName ? ` from ${result.serverName} ${result.serverVersion ?? ""}`.trimEnd() : "";
  return { ok: true, message: `Connected: ${result.tools} tools listed${server}.` };
}

export async function harvestAction(sourceIds: string[]): Promise<ActionResult> {
  const user = await requireRole("admin");
  const ids = z.array(idSchema).max(1_000).parse(sourceIds);
  const started = await startRun(db(), await queue(), { kind: "harvest", config: { sourceIds: ids }, userId: user.id });
  revalidatePath("/sources");
  return started.ok ? { ok: true, runId: started.runId, message: "Harvest started." } : started;
}
