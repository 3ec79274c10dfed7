import { z } from "zod";
import { isEnded } from "../jobs/run-status";

// A trajectory's lineage as the Forks panel shows it and polls it
// (/api/trajectories/[id]/lineage). Client-safe: no database import.

const verdict = z.enum(["accepted", "rejected"]).nullable();

export const lineageSchema = z.object({
  id: z.string(),
  forkedAtStep: z.number().int().nullable(),
  parent: z.object({ id: z.string() }).nullable(),
  forks: z.array(
    z.object({
      id: z.string(),
      forkedAtStep: z.number().int().nullable(),
      protocol: z.string(),
      seed: z.number().int(),
      model: z.string().nullable(),
      effectiveVerdict: verdict,
      runId: z.string().nullable(),
      /** the fork run's status: a fork is simulated, then judged, inside its run */
      runStatus: z.string().nullable(),
    }),
  ),
  /** fork runs this page started, for the ones that have made no fork yet */
  runs: z.array(z.object({ id: z.string(), status: z.string() })),
});
export type Lineage = z.infer<typeof lineageSchema>;
export type LineageFork = Lineage["forks"][number];

/** Whether something in the lineage is still on its way: a fork run not ended, so its fork or its verdict is still to come. */
export function lineageSettled(l: Lineage): boolean {
  return l.runs.every((r) => isEnded(r.status)) && l.forks.every((f) => f.runStatus === null || isEnded(f.runStatus));
}

export const lineageRunsSchema = z.array(z.string().min(1).max(64)).max(20);
