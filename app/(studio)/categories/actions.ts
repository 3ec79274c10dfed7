"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { db } from "@/lib/db/client";
import { queue } from "@/lib/jobs/client";
import { startRun } from "@/lib/jobs/runs";

export const startClusterAction = defineAction("admin", z.void(), async (_none, user) => {
  const started = await startRun(db(), await queue(), { kind: "cluster", config: {}, userId: user.id });
  revalidatePath("/categories");
  return started.ok ? { ok: true, runId: started.runId, message: "Clustering started." } : started;
});
