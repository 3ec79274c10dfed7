import type { Db } from "../db/client";
import { loadCorrectedSteps } from "../trajectory/corrected-steps";
import { loadTrajectory } from "../trajectory/store";
import { episodeSettingsSchema, type ForkSpec } from "./config";
import type { SimulationGateway } from "./gateway";
import { loadEpisodeTask } from "./load";
import { runStoredEpisode } from "./simulate";

// Fork: re-simulate a trajectory from step k with another protocol, seed,
// tool-failure rate or agent model. Steps 0..k-1 are copied, the episode
// continues from there, and the fork links to its parent and the step. From a
// reviewer's correction, the copied steps are the corrected ones.

export type ForkResult = { ok: true; id: string } | { ok: false; error: string };

/** The idempotency key of a fork inside a run: the same fork is never made twice by one run. */
export function forkKey(runId: string, spec: ForkSpec): string {
  return `fork:${runId}:${spec.trajectoryId}:${spec.atStep}:${spec.protocol ?? ""}:${spec.seed ?? ""}:${spec.failureRate ?? ""}:${spec.model ?? ""}${spec.correctionId ? `:${spec.correctionId}` : ""}`;
}

/** `gateway` is the one to continue with: for a fork with a model, one whose agent role uses it (simulationGateway's agentModel). */
export async function forkTrajectory(
  db: Db,
  gateway: SimulationGateway,
  spec: ForkSpec,
  opts: { runId?: string; key?: string; signal?: AbortSignal } = {},
): Promise<ForkResult> {
  const parent = await db.trajectory.findUnique({
    where: { id: spec.trajectoryId },
    select: { id: true, taskId: true, protocol: true, environment: true, seed: true, run: { select: { config: true } } },
  });
  if (!parent) return { ok: false, error: "That trajectory does not exist." };
  if (!parent.taskId) return { ok: false, error: "Only trajectories simulated from a task can be forked (this one has no task)." };
  const doc = await loadTrajectory(db, parent.id);
  if (!doc) return { ok: false, error: "That trajectory does not exist." };
  if (spec.correctionId) {
    const corrected = await loadCorrectedSteps(db, parent.id, spec.correctionId);
    if (!corrected) return { ok: false, error: "That correction is not one of this trajectory's." };
    doc.messages = corrected;
  }
  if (spec.atStep > doc.messages.length) {
    return { ok: false, error: `The trajectory has ${doc.messages.length} steps; a fork can start at step ${doc.messages.length} at the latest.` };
  }
  if (!doc.messages.slice(0, spec.atStep).some((m) => m.role === "user")) {
    return { ok: false, error: "A fork must keep at least the user's first message." };
  }
  // the fork starts from its parent's world: the copied steps' patches bring it to the fork's step
  const task = { ...(await loadEpisodeTask(db, parent.taskId, parent.environment)), ...(doc.world ? { world: doc.world } : {}) };
  const parentSettings = episodeSettingsSchema.partial().safeParse(parent.run?.config ?? {});
  const settings = {
    ...(parentSettings.success ? parentSettings.data : {}),
    protocol: spec.protocol ?? parent.protocol,
    seed: spec.seed ?? parent.seed,
    ...(spec.failureRate !== undefined ? { failureRate: spec.failureRate } : {}),
    ...(spec.maxTurns !== undefined ? { maxTurns: spec.maxTurns } : {}),
  };
  const r = await runStoredEpisode(db, gateway, {
    task,
    settings,
    runId: opts.runId,
    key: opts.key ?? null,
    parent: { id: parent.id, atStep: spec.atStep, steps: doc.messages.slice(0, spec.atStep), correctionId: spec.correctionId },
    signal: opts.signal,
  });
  return { ok: true, id: r.id };
}
