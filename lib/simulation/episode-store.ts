import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "../db/client";
import { loadTrajectory, type TrajectoryRowInput } from "../trajectory/store";
import { INFRASTRUCTURE_FAILED } from "../trajectory/ended";
import type { Step, ToolSpec, TrajectoryDoc } from "../trajectory/types";
import type { World } from "../world/world";

// An episode is stored as it happens: the trajectory row first (with an
// empty endReason, meaning "in progress"), then each move's steps (the
// opening steps go with the first move), then the end reason and totals. A crash loses at most the
// move in flight, and a resumed run finds the episode by its key and
// continues from its last stored step.

export function episodeKey(runId: string, taskId: string, seed: number, protocol: string): string {
  return `${runId}:${taskId}:${seed}:${protocol}`;
}

/** The trajectory row of an episode in progress (one insert: its steps come with its moves). */
export async function startTrajectory(db: Db, row: Omit<TrajectoryRowInput, "tools" | "world"> & { tools: ToolSpec[]; world?: World | null }): Promise<string> {
  const { tools, world, ...rest } = row;
  const data = { ...rest, tools: tools as Prisma.InputJsonValue, ...(world ? { world: world as Prisma.InputJsonValue } : {}), endReason: "" };
  const created = await db.trajectory.create({ data, select: { id: true } });
  return created.id;
}

type Append = { trajectoryId: string; firstIndex: number; steps: Step[] };

// The hot path of a simulation run (one write per move): a single raw
// multi-row insert, which skips Prisma's per-call query compilation.
async function insertSteps(db: Db, appends: Append[]): Promise<void> {
  const rows = appends.flatMap(({ trajectoryId, firstIndex, steps }) =>
    steps.map((m, i) => ({
      id: randomUUID(),
      trajectoryId,
      index: firstIndex + i,
      role: m.role,
      content: m.content,
      rawContent: m.rawContent,
      reasoning: m.reasoning,
      toolCalls: m.toolCalls,
      toolCallId: m.toolCallId,
      toolName: m.toolName,
      isError: m.isError,
      injectedFailure: m.injectedFailure,
      worldPatch: m.worldPatch,
      violations: m.violations,
      promptTokens: m.promptTokens,
      completionTokens: m.completionTokens,
      latencyMs: m.latencyMs,
      costUsd: m.costUsd,
    })),
  );
  if (rows.length === 0) return;
  await db.$executeRaw`
    insert into "Message" (id, "trajectoryId", index, role, content, "rawContent", reasoning, "toolCalls", "toolCallId", "toolName", "isError", "injectedFailure", "worldPatch", violations, "promptTokens", "completionTokens", "latencyMs", "costUsd")
    select r.id, r."trajectoryId", r.index, r.role::"MessageRole", r.content, r."rawContent", r.reasoning, r."toolCalls", r."toolCallId", r."toolName", r."isError", r."injectedFailure", r."worldPatch", r.violations, r."promptTokens", r."completionTokens", r."latencyMs", r."costUsd"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(
      id text, "trajectoryId" text, index int, role text, content text, "rawContent" text, reasoning text, "toolCalls" jsonb, "toolCallId" text, "toolName" text, "isError" boolean,
      "injectedFailure" text, "worldPatch" jsonb, violations jsonb, "promptTokens" int, "completionTokens" int, "latencyMs" int, "costUsd" float8)`;
}

export async function appendSteps(db: Db, trajectoryId: string, firstIndex: number, steps: Step[]): Promise<void> {
  await insertSteps(db, [{ trajectoryId, firstIndex, steps }]);
}

/** Stores one move's steps; resolves once they are committed. */
export type StepWriter = (trajectoryId: string, firstIndex: number, steps: Step[]) => Promise<void>;

/**
 * A writer shared by the episodes of a run: the moves that arrive while a
 * write is in flight go together in the next one, so hundreds of episodes in
 * flight cost a few inserts per second rather than one per move. Each move
 * still resolves only once committed. A failed batch is retried move by move,
 * so one bad move fails alone.
 */
export function createBatchedStepWriter(db: Db, opts: { maxInFlight?: number; maxBatch?: number } = {}): StepWriter {
  const maxInFlight = opts.maxInFlight ?? 2;
  const maxBatch = opts.maxBatch ?? 500;
  let queue: (Append & { resolve(): void; reject(e: unknown): void })[] = [];
  let inFlight = 0;
  const pump = () => {
    while (inFlight < maxInFlight && queue.length) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight++;
      insertSteps(db, batch)
        .then(
          () => batch.forEach((a) => a.resolve()),
          () => Promise.all(batch.map((a) => insertSteps(db, [a]).then(a.resolve, a.reject))),
        )
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  };
  return (trajectoryId, firstIndex, steps) =>
    new Promise<void>((resolve, reject) => {
      if (steps.length === 0) return resolve();
      queue.push({ trajectoryId, firstIndex, steps, resolve, reject });
      if (queue.length === 1) setImmediate(pump);
    });
}

/** Records the end and derives the totals and flags from the stored messages. */
export async function finishTrajectory(db: Db, trajectoryId: string, end: { endReason: string; tags: string[]; endError?: string }): Promise<void> {
  await db.$executeRaw`
    update "Trajectory" t set
      "endReason" = ${end.endReason},
      "endError" = ${end.endError ?? null},
      tags = ${end.tags}::text[],
      steps = s.n,
      "promptTokens" = s.pt,
      "completionTokens" = s.ct,
      "costUsd" = s.cost,
      "latencyMs" = s.lat,
      "hasViolations" = s.v,
      "hasInjectedFailures" = s.inj
    from (
      select count(*)::int n,
        coalesce(sum("promptTokens"), 0)::int pt,
        coalesce(sum("completionTokens"), 0)::int ct,
        coalesce(sum("costUsd"), 0)::float8 cost,
        coalesce(sum("latencyMs"), 0)::int lat,
        coalesce(bool_or(jsonb_array_length(violations) > 0), false) v,
        coalesce(bool_or("injectedFailure" is not null), false) inj
      from "Message" where "trajectoryId" = ${trajectoryId}
    ) s
    where t.id = ${trajectoryId}`;
}

/** `stoppedByInfrastructure`: it ended as INFRASTRUCTURE_FAILED and continues when its item runs again. */
export type StoredEpisode = { id: string; finished: true } | { id: string; finished: false; doc: TrajectoryDoc; stoppedByInfrastructure: boolean };

export async function findEpisode(db: Db, key: string): Promise<StoredEpisode | null> {
  const row = await db.trajectory.findUnique({ where: { episodeKey: key }, select: { id: true, endReason: true } });
  if (!row) return null;
  const stoppedByInfrastructure = row.endReason === INFRASTRUCTURE_FAILED;
  if (row.endReason !== "" && !stoppedByInfrastructure) return { id: row.id, finished: true };
  const doc = await loadTrajectory(db, row.id);
  return doc ? { id: row.id, finished: false, doc, stoppedByInfrastructure } : null;
}

/** An episode the infrastructure stopped is in progress again: hidden from judge, review and export until it ends. */
export async function reopenEpisode(db: Db, trajectoryId: string): Promise<void> {
  await db.trajectory.update({ where: { id: trajectoryId }, data: { endReason: "", endError: null } });
}
