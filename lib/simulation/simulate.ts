import type { Db } from "../db/client";
import { assertCodeCanRun } from "../sandbox/confinement";
import type { z } from "zod";
import { toolSpecSchema, type Step } from "../trajectory/types";
import { errorMessage } from "../llm/errors";
import { errorOrigin, isInfrastructureFailure } from "../jobs/error-origin";
import { INFRASTRUCTURE_FAILED } from "../trajectory/ended";
import { appendSteps, findEpisode, finishTrajectory, reopenEpisode, startTrajectory, type StepWriter, type StoredEpisode } from "../trajectory/store";
import { episodeSettingsSchema, type EpisodeSettings } from "./config";
import { episodeTools, openingSteps, runEpisode } from "./episode";
import type { SimulationGateway } from "./gateway";
import type { LoadedEpisodeTask } from "./load";
import { createEnvironmentBackend } from "./tools/environment";
import { createMcpBackend } from "./tools/mcp";
import { createToolSimulator, TOOL_SIMULATOR_PROMPT_VERSION } from "./tools/simulator";
import type { Executor, ToolBackend } from "./tools/types";
import { USER_SIMULATOR_PROMPT_VERSION } from "./user-simulator";

// Runs one episode and stores it as it goes. With an episode key, a finished
// episode is never run again and an unfinished one continues from its last
// stored step; a fork starts from a copy of its parent's first steps.

/** An episode's idempotency key inside its run. */
export function episodeKey(runId: string, taskId: string, seed: number, protocol: string): string {
  return `${runId}:${taskId}:${seed}:${protocol}`;
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === "P2002";

export type StoredEpisodeRequest = {
  task: LoadedEpisodeTask;
  settings: z.input<typeof episodeSettingsSchema>;
  runId?: string;
  /** the episode's idempotency key; forks have none */
  key?: string | null;
  parent?: { id: string; atStep: number; steps: Step[]; correctionId?: string };
  signal?: AbortSignal;
  /** how steps are stored (a run shares a batched writer); one insert per move when absent */
  writer?: StepWriter;
};

/** The backends one episode uses; the MCP servers and scratch folder are its own. */
export function episodeBackends(gateway: SimulationGateway, task: LoadedEpisodeTask, settings: EpisodeSettings): Partial<Record<Executor, ToolBackend>> {
  return {
    simulated: createToolSimulator({ gateway, failureRate: settings.failureRate, cache: settings.cache }),
    environment: createEnvironmentBackend({ verifier: task.verifier }),
    ...(task.mcpSources.size ? { mcp: createMcpBackend({ sources: task.mcpSources }) } : {}),
  };
}

/**
 * The endpoint or the model kept failing past the gateway's retries: the
 * episode is ended as the infrastructure's failure (and the item still fails).
 * An unreachable endpoint is not: the run pauses and the episode continues.
 */
function stoppedByInfrastructure(e: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted || isInfrastructureFailure(e)) return false;
  const origin = errorOrigin(e);
  return origin === "endpoint" || origin === "model";
}

export async function runStoredEpisode(
  db: Db,
  gateway: SimulationGateway,
  req: StoredEpisodeRequest,
): Promise<{ id: string; resumed: boolean; skipped: boolean }> {
  const settings = episodeSettingsSchema.parse(req.settings);
  const { task } = req;
  // a code task on a machine that cannot confine code is refused, with the reason, before anything is stored
  if (task.environment === "code") assertCodeCanRun();
  const fresh = () => (req.parent ? req.parent.steps : openingSteps(task));
  // Most episodes are new: insert first, and look for a stored one only when the key is taken.
  let existing: StoredEpisode | null = null;
  let id: string;
  try {
    const { model, provider } = await gateway.info("agent");
    id = await startTrajectory(db, {
      runId: req.runId ?? null,
      taskId: task.taskId ?? null,
      agentId: task.agentId ?? null,
      episodeKey: req.key ?? null,
      protocol: settings.protocol,
      environment: task.environment,
      model,
      provider,
      seed: settings.seed,
      userSimulatorPromptVersion: USER_SIMULATOR_PROMPT_VERSION,
      toolSimulatorPromptVersion: TOOL_SIMULATOR_PROMPT_VERSION,
      parentId: req.parent?.id ?? null,
      forkedAtStep: req.parent?.atStep ?? null,
      forkedFromCorrectionId: req.parent?.correctionId ?? null,
      tools: episodeTools(task).map((t) => toolSpecSchema.parse(t)),
      world: task.world ?? null,
    });
  } catch (e) {
    if (!req.key || !isUniqueViolation(e)) throw e;
    existing = await findEpisode(db, req.key);
    if (!existing) throw e;
    if (existing.finished) return { id: existing.id, resumed: false, skipped: true };
    if (existing.stoppedByInfrastructure) await reopenEpisode(db, existing.id);
    id = existing.id;
  }
  const trajectoryId = id;

  // steps the episode starts from that are not stored yet: written with its first move
  const storedSteps = existing && !existing.finished ? existing.doc.messages : [];
  const initial = storedSteps.length ? storedSteps : fresh();
  let unstored = storedSteps.length ? [] : initial;
  let stored = storedSteps.length;
  const write = req.writer ?? ((...a: Parameters<StepWriter>) => appendSteps(db, ...a));
  const store = async (steps: Step[]) => {
    const batch = [...unstored, ...steps];
    unstored = [];
    await write(trajectoryId, stored, batch);
    stored += batch.length;
  };
  const outcome = await runEpisode(
    task,
    settings,
    { gateway, backends: episodeBackends(gateway, task, settings), runId: req.runId, trajectoryId, signal: req.signal, onSteps: store },
    initial,
  ).catch(async (e: unknown) => {
    if (stoppedByInfrastructure(e, req.signal)) {
      if (unstored.length) await store([]);
      await finishTrajectory(db, trajectoryId, { endReason: INFRASTRUCTURE_FAILED, tags: [], endError: `${errorOrigin(e)}: ${errorMessage(e)}` });
    }
    throw e;
  });
  if (unstored.length) await store([]);
  await finishTrajectory(db, trajectoryId, { endReason: outcome.endReason, tags: outcome.tags });
  return { id: trajectoryId, resumed: !!existing, skipped: false };
}
