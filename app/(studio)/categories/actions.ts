"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/components/tools/action-result";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";

export async function startClusterAction(): Promise<ActionResult> {
  const user = await requireRole("admin");
  const started = await startRun(db(), await queue(), { kind: "cluster", config: {}, userId: user.id });
  revalidatePath("/categories");
  return started.ok ? { ok: true, runId: started.runId, message: "Clustering started." } : started;
}
