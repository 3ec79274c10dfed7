"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { qualityStageConfigSchema } from "@/lib/catalog/config";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";

export const startQualityAction = defineAction("admin", qualityStageConfigSchema, async (config, user) => {
  const started = await startRun(db(), await queue(), { kind: "quality", config, userId: user.id });
  revalidatePath("/tools");
  return started.ok ? { ok: true, runId: started.runId, message: "Quality filter started." } : started;
});

export const startEmbedAction = defineAction("admin", z.void(), async (_none, user) => {
  const started = await startRun(db(), await queue(), { kind: "embed", config: {}, userId: user.id });
  revalidatePath("/tools");
  return started.ok ? { ok: true, runId: started.runId, message: "Embedding started." } : started;
});
