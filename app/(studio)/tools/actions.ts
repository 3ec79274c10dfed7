"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/components/tools/action-result";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";

const qualityInput = z.object({ llm: z.boolean(), scope: z.enum(["pending", "all"]) });

export async function startQualityAction(input: z.input<typeof qualityInput>): Promise<ActionResult> {
  const user = await requireRole("admin");
  const config = qualityInput.parse(input);
  const started = await startRun(db(), await queue(), { kind: "quality", config, userId: user.id });
  revalidatePath("/tools");
  return started.ok ? { ok: true, runId: started.runId, message: "Quality filter started." } : started;
}

export async function startEmbedAction(): Promise<ActionResult> {
  const user = await requireRole("admin");
  const started = await startRun(db(), await queue(), { kind: "embed", config: {}, userId: user.id });
  revalidatePath("/tools");
  return started.ok ? { ok: true, runId: started.runId, message: "Embedding started." } : started;
}
