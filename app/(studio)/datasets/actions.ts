"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { exportConfigSchema } from "@/lib/datasets/config";
import { exportPreferences, preferenceExportSchema, type PreferenceExportInput } from "@/lib/datasets/preference-export";
import { previewInputSchema, previewRecord, type PreviewInput, type PreviewResult } from "@/lib/datasets/templates/preview";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";

export type StartExportResult = { ok: true; runId: string } | { ok: false; error: string };

/** Starts an export run (admins): the dataset version appears here when the run ends. */
export async function startExportAction(input: z.input<typeof exportConfigSchema>): Promise<StartExportResult> {
  const user = await requireRole("admin");
  const parsed = exportConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`)[0] };
  const started = await startRun(db(), await queue(), { kind: "export", config: parsed.data, userId: user.id });
  revalidatePath("/datasets");
  revalidatePath("/runs");
  return started;
}

export type PreferenceExportResult = { ok: true; message: string } | { ok: false; error: string };

/**
 * Writes every decided preference pair as the next version of a dataset
 * (admins). Pairs are people's labels, a few thousand at most, so this runs
 * in the request rather than as a run.
 */
export async function exportPreferencesAction(input: PreferenceExportInput): Promise<PreferenceExportResult> {
  await requireRole("admin");
  const parsed = preferenceExportSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid dataset name" };
  const { manifest } = await exportPreferences(db(), parsed.data);
  revalidatePath("/datasets");
  const p = manifest.preference;
  return { ok: true, message: `Wrote ${manifest.name} v${manifest.version}: ${p.written} pairs (${p.ties} ties left out, ${p.refused} refused)` };
}

/** One record of a dataset version rendered through a chat template, trained spans marked (any signed-in user). */
export async function previewRecordAction(input: PreviewInput): Promise<PreviewResult> {
  await requireRole("viewer");
  const parsed = previewInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`)[0] };
  return previewRecord(db(), parsed.data);
}
