import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { Db, Verdict } from "../db/client";
import type { FormatId } from "../datasets/formats/types";
import { startRun, type StartRunResult } from "../jobs/runs";
import { exportConfigSchema } from "../datasets/config";
import { refreshVerdicts } from "../trajectory/verdict";
import { claimsHeldByOthers } from "./claims";
import { addTags, tagSchema } from "./label";

// Actions on a selection of trajectories from the list.

export const MAX_SELECTION = 1_000;

export const selectionSchema = z.array(z.string().min(1).max(64)).min(1, "Select at least one trajectory").max(MAX_SELECTION);

export const bulkActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("accept"), ids: selectionSchema, note: z.string().max(5_000).default("") }),
  z.object({ action: z.literal("reject"), ids: selectionSchema, note: z.string().max(5_000).default("") }),
  z.object({ action: z.literal("tag"), ids: selectionSchema, tag: tagSchema }),
  z.object({ action: z.literal("rejudge"), ids: selectionSchema }),
  z.object({ action: z.literal("export"), ids: selectionSchema, name: exportConfigSchema.shape.name, format: exportConfigSchema.shape.format }),
]);

/** Actions that queue a run, which only admins may start. */
export const ADMIN_ACTIONS: ReadonlySet<BulkAction["action"]> = new Set(["rejudge", "export"]);
export type BulkAction = z.input<typeof bulkActionSchema>;

/**
 * Appends one review per trajectory, all or none, leaving out those someone
 * else holds in a review queue. Returns how many were reviewed and left out.
 */
export async function reviewMany(db: Db, reviewerId: string, ids: string[], verdict: Verdict, note = ""): Promise<{ reviewed: number; claimed: number }> {
  const unique = [...new Set(ids)];
  return db.$transaction(
    async (tx) => {
      const existing = await tx.trajectory.findMany({ where: { id: { in: unique } }, select: { id: true } });
      const held = new Set((await claimsHeldByOthers(tx, unique, reviewerId)).map((c) => c.trajectoryId));
      const found = existing.map((t) => t.id).filter((id) => !held.has(id));
      await tx.review.createMany({ data: found.map((trajectoryId) => ({ trajectoryId, reviewerId, verdict, note })) });
      for (const id of found) await refreshVerdicts(tx, id);
      return { reviewed: found.length, claimed: held.size };
    },
    { timeout: 60_000 },
  );
}

/** Queues a judge run over exactly these trajectories (the judge's default configuration). */
export async function rejudge(db: Db, boss: PgBoss, ids: string[], userId: string | null): Promise<StartRunResult> {
  return startRun(db, boss, { kind: "judge", config: { target: { kind: "ids", ids: [...new Set(ids)] } }, userId });
}

/** Queues an export run of exactly these trajectories, whatever their verdict, as the next version of dataset `name`. */
export async function exportSelection(db: Db, boss: PgBoss, ids: string[], dataset: { name: string; format?: FormatId }, userId: string | null): Promise<StartRunResult> {
  const config = { name: dataset.name, format: dataset.format, filter: { verdict: "any", ids: [...new Set(ids)] } };
  return startRun(db, boss, { kind: "export", config, userId });
}

export type BulkResult = { ok: true; message: string; runId?: string } | { ok: false; error: string };

/** Runs one bulk action; `boss` is only needed to queue a run (re-judge, export). */
export async function runBulkAction(db: Db, deps: { boss: () => Promise<PgBoss> }, userId: string, input: BulkAction): Promise<BulkResult> {
  const parsed = bulkActionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "Invalid selection" };
  const a = parsed.data;
  const n = (count: number) => `${count} ${count === 1 ? "trajectory" : "trajectories"}`;
  switch (a.action) {
    case "accept":
    case "reject": {
      const verdict = a.action === "accept" ? "accepted" : "rejected";
      const { reviewed, claimed } = await reviewMany(db, userId, a.ids, verdict, a.note);
      const left = claimed ? `; ${n(claimed)} left out: another reviewer holds them in a queue` : "";
      return { ok: true, message: `Marked ${n(reviewed)} ${verdict}${left}` };
    }
    case "tag": {
      const count = await addTags(db, a.ids, [a.tag]);
      return { ok: true, message: `Tagged ${n(count)} “${a.tag}”` };
    }
    case "rejudge": {
      const started = await rejudge(db, await deps.boss(), a.ids, userId);
      return started.ok ? { ok: true, message: `Re-judging ${n(a.ids.length)}`, runId: started.runId } : started;
    }
    case "export": {
      const started = await exportSelection(db, await deps.boss(), a.ids, a, userId);
      return started.ok ? { ok: true, message: `Exporting ${n(new Set(a.ids).size)} to dataset “${a.name}”`, runId: started.runId } : started;
    }
  }
}
