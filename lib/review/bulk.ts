import "server-only";
import { refusedBy, type Result } from "../actions/result";
import { randomUUID } from "node:crypto";
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
  z.object({ action: z.literal("undo"), batchId: z.string().min(1).max(64) }),
  z.object({ action: z.literal("export"), ids: selectionSchema, name: exportConfigSchema.shape.name, format: exportConfigSchema.shape.format }),
]);

/** Actions that queue a run, which only admins may start. */
export const ADMIN_ACTIONS: ReadonlySet<BulkAction["action"]> = new Set(["rejudge", "export"]);
export type BulkAction = z.input<typeof bulkActionSchema>;

/**
 * Appends one review per trajectory, all or none, leaving out those someone
 * else holds in a review queue. The reviews share a batch id, which is how
 * the batch is undone. Returns how many were reviewed and left out.
 */
export async function reviewMany(
  db: Db,
  reviewerId: string,
  ids: string[],
  verdict: Verdict,
  note = "",
): Promise<{ reviewed: number; claimed: number; batchId: string }> {
  const unique = [...new Set(ids)];
  const batchId = randomUUID();
  return db.$transaction(
    async (tx) => {
      const existing = await tx.trajectory.findMany({ where: { id: { in: unique } }, select: { id: true } });
      const held = new Set((await claimsHeldByOthers(tx, unique, reviewerId)).map((c) => c.trajectoryId));
      const found = existing.map((t) => t.id).filter((id) => !held.has(id));
      await tx.review.createMany({ data: found.map((trajectoryId) => ({ trajectoryId, reviewerId, verdict, note, batchId })) });
      for (const id of found) await refreshVerdicts(tx, id);
      return { reviewed: found.length, claimed: held.size, batchId };
    },
    { timeout: 60_000 },
  );
}

export type UndoOutcome =
  { ok: true; restored: number; changedSince: number; nothingBefore: number; unchanged: number; claimed: number } | { ok: false; error: string };

/**
 * Undoes a bulk accept or reject by appending, for each trajectory it
 * reviewed, a review with the verdict it had before: the reviewer's earlier
 * verdict, else the judge's. Reviews are never deleted, so a trajectory that
 * had no verdict at all cannot go back to none (counted as nothingBefore);
 * one reviewed again since the batch is left alone (changedSince), as is one
 * whose verdict the batch did not change (unchanged). Only the batch's own
 * reviewer may undo it.
 */
export async function undoReviewBatch(db: Db, reviewerId: string, batchId: string): Promise<UndoOutcome> {
  return db.$transaction(
    async (tx) => {
      const batch = await tx.review.findMany({ where: { batchId }, select: { id: true, trajectoryId: true, reviewerId: true, verdict: true } });
      if (batch.length === 0) return { ok: false, error: "There is no such bulk review to undo" };
      if (batch.some((r) => r.reviewerId !== reviewerId)) return { ok: false, error: "Only the reviewer who made a bulk review can undo it" };
      const ids = batch.map((r) => r.trajectoryId);
      const held = new Set((await claimsHeldByOthers(tx, ids, reviewerId)).map((c) => c.trajectoryId));
      const counts = { restored: 0, changedSince: 0, nothingBefore: 0, unchanged: 0, claimed: held.size };
      const undo = randomUUID();
      for (const r of batch) {
        if (held.has(r.trajectoryId)) continue;
        const [latest, before] = await tx.review.findMany({
          where: { trajectoryId: r.trajectoryId },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 2,
          select: { id: true, verdict: true },
        });
        if (latest?.id !== r.id) {
          counts.changedSince++;
          continue;
        }
        const judged = before
          ? null
          : await tx.judgement.findFirst({
              where: { trajectoryId: r.trajectoryId },
              orderBy: [{ createdAt: "desc" }, { id: "desc" }],
              select: { verdict: true },
            });
        const previous = before?.verdict ?? judged?.verdict ?? null;
        if (previous === null) counts.nothingBefore++;
        else if (previous === r.verdict) counts.unchanged++;
        else {
          const note = `Undoes the bulk ${r.verdict === "accepted" ? "accept" : "reject"} ${batchId}: back to the ${before ? "reviewer's" : "judge's"} earlier verdict`;
          await tx.review.create({ data: { trajectoryId: r.trajectoryId, reviewerId, verdict: previous, note, batchId: undo } });
          await refreshVerdicts(tx, r.trajectoryId);
          counts.restored++;
        }
      }
      return { ok: true, ...counts };
    },
    { timeout: 60_000 },
  );
}

/** Queues a judge run over exactly these trajectories (the judge's default configuration). */
export async function rejudge(db: Db, boss: PgBoss, ids: string[], userId: string | null): Promise<StartRunResult> {
  return startRun(db, boss, { kind: "judge", config: { target: { kind: "ids", ids: [...new Set(ids)] } }, userId });
}

/** Queues an export run of exactly these trajectories, whatever their verdict, as the next version of dataset `name`. */
export async function exportSelection(
  db: Db,
  boss: PgBoss,
  ids: string[],
  dataset: { name: string; format?: FormatId },
  userId: string | null,
): Promise<StartRunResult> {
  const config = { name: dataset.name, format: dataset.format, filter: { verdict: "any", ids: [...new Set(ids)] } };
  return startRun(db, boss, { kind: "export", config, userId });
}

export type BulkResult = Result<{ message: string; runId?: string; undo?: { batchId: string } }>;

/** Runs one bulk action; `boss` is only needed to queue a run (re-judge, export). */
export async function runBulkAction(db: Db, deps: { boss: () => Promise<PgBoss> }, userId: string, input: BulkAction): Promise<BulkResult> {
  const parsed = bulkActionSchema.safeParse(input);
  if (!parsed.success) return refusedBy(parsed.error);
  const a = parsed.data;
  const n = (count: number) => `${count} ${count === 1 ? "trajectory" : "trajectories"}`;
  switch (a.action) {
    case "accept":
    case "reject": {
      const verdict = a.action === "accept" ? "accepted" : "rejected";
      const { reviewed, claimed, batchId } = await reviewMany(db, userId, a.ids, verdict, a.note);
      const left = claimed ? `; ${n(claimed)} left out: another reviewer holds them in a queue` : "";
      return { ok: true, message: `Marked ${n(reviewed)} ${verdict}${left}`, ...(reviewed ? { undo: { batchId } } : {}) };
    }
    case "undo": {
      const r = await undoReviewBatch(db, userId, a.batchId);
      if (!r.ok) return r;
      const parts = [
        `Restored the earlier verdict of ${n(r.restored)}`,
        r.unchanged && `${n(r.unchanged)} kept the verdict they had before`,
        r.changedSince && `${n(r.changedSince)} reviewed again since, left as they are`,
        r.nothingBefore && `${n(r.nothingBefore)} had no verdict before and keep this one`,
        r.claimed && `${n(r.claimed)} held by another reviewer in a queue, left as they are`,
      ].filter(Boolean);
      return { ok: true, message: parts.join("; ") };
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
