"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { exportConfigSchema } from "@/lib/datasets/config";
import { exportPreferences, preferenceExportSchema } from "@/lib/datasets/preference-export";
import { previewInputSchema, previewRecord } from "@/lib/datasets/templates/preview";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";

/** Starts an export run (admins): the dataset version appears here when the run ends. */
export const startExportAction = defineAction("admin", exportConfigSchema, async (config, user) => {
  const started = await startRun(db(), await queue(), { kind: "export", config, userId: user.id });
  revalidatePath("/datasets");
  revalidatePath("/runs");
  return started;
});

/**
 * Writes every decided preference pair as the next version of a dataset
 * (admins). Pairs are people's labels, a few thousand at most, so this runs
 * in the request rather than as a run.
 */
export const exportPreferencesAction = defineAction("admin", preferenceExportSchema, async (input) => {
  const { manifest } = await exportPreferences(db(), input);
  revalidatePath("/datasets");
  const p = manifest.preference;
  return { ok: true, message: `Wrote ${manifest.name} v${manifest.version}: ${p.written} pairs (${p.ties} ties left out, ${p.refused} refused)` };
});

/** One record of a dataset version rendered through a chat template, trained spans marked (any signed-in user). */
export const previewRecordAction = defineAction("viewer", previewInputSchema, (input) => previewRecord(db(), input));
