import type { PgBoss } from "pg-boss";
import type { Db, Prisma, RunKind } from "../db/client";
import { STAGE_QUEUE, type StageJob } from "./queue";
import { getStage } from "./registry";

export type StartRunResult = { ok: true; runId: string } | { ok: false; error: string };

/** Validates the config against the stage's schema, records the run and queues it. */
export async function startRun(
  db: Db,
  boss: PgBoss,
  input: { kind: RunKind; config?: unknown; userId?: string | null },
): Promise<StartRunResult> {
  const stage = getStage(input.kind);
  const parsed = stage.config.safeParse(input.config ?? {});
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ") };
  }
  const run = await db.run.create({
    data: { kind: input.kind, config: parsed.data as Prisma.InputJsonValue, createdById: input.userId ?? null },
  });
  await boss.send(STAGE_QUEUE, { runId: run.id } satisfies StageJob, { singletonKey: run.id });
  return { ok: true, runId: run.id };
}

/** Asks a run to stop. A queued run stops at once; a running one at its next step. */
export async function cancelRun(db: Db, runId: string): Promise<boolean> {
  const queued = await db.run.updateMany({
    where: { id: runId, status: "queued" },
    data: { status: "cancelled", cancelRequested: true, finishedAt: new Date() },
  });
  if (queued.count) return true;
  const running = await db.run.updateMany({ where: { id: runId, status: "running" }, data: { cancelRequested: true } });
  return running.count > 0;
}
