import "server-only";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { Db } from "../db/client";
import { startRun, type StartRunResult } from "../jobs/runs";
import { forkSpecSchema } from "../simulation/config";

// Forking re-simulates a trajectory from a step (lib/simulation/fork.ts); it
// runs as a simulate run with `forks`, so the page only queues it.

export const forkRequestSchema = z.object({ forks: z.array(forkSpecSchema).min(1).max(20) });
export type ForkRequest = z.input<typeof forkRequestSchema>;

export async function startFork(db: Db, boss: PgBoss, request: ForkRequest, userId: string | null): Promise<StartRunResult> {
  const parsed = forkRequestSchema.safeParse(request);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const exists = await db.trajectory.count({ where: { id: { in: parsed.data.forks.map((f) => f.trajectoryId) } } });
  if (exists < new Set(parsed.data.forks.map((f) => f.trajectoryId)).size) return { ok: false, error: "That trajectory does not exist." };
  return startRun(db, boss, { kind: "simulate", config: { forks: parsed.data.forks, concurrency: 1 }, userId });
}
