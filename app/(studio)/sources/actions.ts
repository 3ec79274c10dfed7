"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { formInput } from "@/lib/actions/inputs";
import { Refusal, refusedBy } from "@/lib/actions/result";
import { addServerList, serverListSchema } from "@/lib/catalog/server-list";
import { addToolFile, testSource } from "@/lib/catalog/source-actions";
import { newSourceSchema } from "@/lib/catalog/source-config";
import {
  harvestSchema,
  serverListTextSchema,
  setSourceDisabledSchema,
  sourceRefSchema,
  updateSourceSchema,
  uploadToolFileSchema,
} from "@/lib/catalog/source-inputs";
import { createSource, deleteSource, setSourceDisabled, updateSource } from "@/lib/catalog/sources";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";

/** A change the person can fix is refused with "Not saved: " and why; anything else is thrown. */
async function saving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof Refusal) throw new Refusal(`Not saved: ${e.message}`, e.fieldErrors);
    if (e instanceof z.ZodError) throw new Refusal(`Not saved: ${refusedBy(e).error}`);
    throw e;
  }
}

export const addSourceAction = defineAction("admin", newSourceSchema, async (input) => {
  const source = await saving(() => createSource(db(), input, undefined, { commandMustExist: true }));
  revalidatePath("/sources");
  return { ok: true, message: `Added ${source.name}: test it or harvest it below.` };
});

/** New settings for a source (not built-in), checked as when it was added: a stdio command must exist here. */
export const updateSourceAction = defineAction("admin", updateSourceSchema, async ({ sourceId, config }) => {
  const source = await saving(() => updateSource(db(), sourceId, config, undefined, { commandMustExist: true }));
  revalidatePath("/sources");
  return { ok: true, message: `Saved ${source.name}: test it or harvest it to see the change.` };
});

export const setSourceDisabledAction = defineAction("admin", setSourceDisabledSchema, async ({ sourceId, disabled }) => {
  const source = await saving(() => setSourceDisabled(db(), sourceId, disabled));
  revalidatePath("/sources");
  return {
    ok: true,
    message: source.disabledAt ? `${source.name} is disabled: it is not harvested or started until enabled.` : `${source.name} is enabled.`,
  };
});

/** Deletes a source; its tools stay in the catalogue (see deleteSource). */
export const deleteSourceAction = defineAction("admin", sourceRefSchema, async ({ sourceId }) => {
  const gone = await saving(() => deleteSource(db(), sourceId));
  revalidatePath("/sources");
  return { ok: true, message: `Deleted ${gone.name}; its ${gone.toolsKept} tools stay in the catalogue.` };
});

export const uploadToolFileAction = defineAction("admin", formInput(uploadToolFileSchema), async ({ file, sourceName }, user) => {
  const { source, preview } = await addToolFile(db(), { fileName: file.name, text: new Uint8Array(await file.arrayBuffer()), sourceName });
  const started = await startRun(db(), await queue(), { kind: "harvest", config: { sourceIds: [source.id] }, userId: user.id });
  revalidatePath("/sources");
  if (!started.ok) return started;
  return { ok: true, runId: started.runId, message: `${preview.tools} tools found (${preview.rejected} rejected): importing into ${source.name}.` };
});

/** An mcpServers (Claude Desktop, Cursor) or servers (VS Code) configuration: every server added as a source, then harvested in one run. */
export const importServerListAction = defineAction("admin", serverListTextSchema, async ({ text }, user) => {
  let json: unknown;
  try {
    json = JSON.parse(text);
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
});

export const testSourceAction = defineAction("admin", sourceRefSchema, async ({ sourceId }) => {
  const result = await testSource(db(), sourceId);
  if (!result.ok) return result;
  const server = result.serverName ? ` from ${result.serverName} ${result.serverVersion ?? ""}`.trimEnd() : "";
  return { ok: true, message: `Connected: ${result.tools} tools listed${server}.` };
});

export const harvestAction = defineAction("admin", harvestSchema, async ({ sourceIds }, user) => {
  const started = await startRun(db(), await queue(), { kind: "harvest", config: { sourceIds }, userId: user.id });
  revalidatePath("/sources");
  return started.ok ? { ok: true, runId: started.runId, message: "Harvest started." } : started;
});
