import { randomUUID } from "node:crypto";
import type { Db, Message, Prisma } from "../db/client";
import { createWriteBatcher } from "../db/write-batcher";
import { worldSchema, type World } from "../world/world";
import { INFRASTRUCTURE_FAILED } from "./ended";
import { stepSchema, toolSpecSchema, type Step, type ToolSpec, type TrajectoryDoc } from "./types";

// The one place trajectories are written. A trajectory is its row, its steps
// (one Message row each, mapped by insertSteps) and totals and flags derived
// from the stored steps by writeTotals. A whole trajectory is saved in one
// transaction (saveTrajectory); an episode is stored as it happens: its row
// first, with an empty endReason meaning "in progress" (startTrajectory), then
// each move's steps (appendSteps, or a run's shared createStepWriter), then its
// end (finishTrajectory). A crash loses at most the move in flight.

type Client = Prisma.TransactionClient;

export type TrajectoryRowInput = Omit<Prisma.TrajectoryUncheckedCreateInput, "messages" | "tools" | "steps">;
type StartRow = Omit<TrajectoryRowInput, "world"> & { tools: ToolSpec[]; world?: World | null };
type Append = { trajectoryId: string; firstIndex: number; steps: Step[] };

async function createRow(db: Client, row: StartRow): Promise<string> {
  const { tools, world, ...rest } = row;
  const data = { ...rest, tools: tools as Prisma.InputJsonValue, ...(world ? { world: world as Prisma.InputJsonValue } : {}) };
  const created = await db.trajectory.create({ data, select: { id: true } });
  return created.id;
}

// One raw multi-row insert: a simulation run writes a move at a time, and this
// skips Prisma's per-call query compilation.
async function insertSteps(db: Client, appends: Append[]): Promise<void> {
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

/** Derives the totals and flags from the stored messages; with `end`, records the end too. */
type End = { endReason: string; tags: string[]; endError?: string };

async function writeTotals(db: Client, trajectoryId: string, end: End | null): Promise<void> {
  await db.$executeRaw`
    update "Trajectory" t set
      "endReason" = coalesce(${end?.endReason ?? null}::text, t."endReason"),
      "endError" = case when ${end !== null}::boolean then ${end?.endError ?? null}::text else t."endError" end,
      tags = coalesce(${end?.tags ?? null}::text[], t.tags),
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

/** Writes a whole trajectory, its messages and totals in one transaction; returns its id. */
export async function saveTrajectory(db: Db, doc: TrajectoryDoc, row: TrajectoryRowInput = {}): Promise<string> {
  return db.$transaction(async (tx) => {
    const id = await createRow(tx, { ...row, tools: doc.tools, world: doc.world ?? null });
    await insertSteps(tx, [{ trajectoryId: id, firstIndex: 0, steps: doc.messages }]);
    await writeTotals(tx, id, null);
    return id;
  });
}

/** The row of an episode in progress: its steps come with its moves. */
export async function startTrajectory(db: Db, row: StartRow): Promise<string> {
  return createRow(db, { ...row, endReason: "" });
}

export async function appendSteps(db: Db, trajectoryId: string, firstIndex: number, steps: Step[]): Promise<void> {
  await insertSteps(db, [{ trajectoryId, firstIndex, steps }]);
}

/** Stores one move's steps; resolves once they are committed. */
export type StepWriter = (trajectoryId: string, firstIndex: number, steps: Step[]) => Promise<void>;

/**
 * A writer shared by the episodes of a run: the moves that arrive while a
 * write is in flight go together in the next one, so hundreds of episodes in
 * flight cost a few inserts per second rather than one per move.
 */
export function createStepWriter(db: Db): StepWriter {
  const write = createWriteBatcher<Append>((batch) => insertSteps(db, batch), { maxInFlight: 2, maxBatch: 500 });
  return async (trajectoryId, firstIndex, steps) => {
    if (steps.length > 0) await write({ trajectoryId, firstIndex, steps });
  };
}

/** Records the end of an episode and derives its totals and flags from the stored messages. */
export async function finishTrajectory(db: Db, trajectoryId: string, end: End): Promise<void> {
  await writeTotals(db, trajectoryId, end);
}

/** A stored trajectory row (with its messages in order) in canonical form. */
export function docFromRow(row: {
  tools: Prisma.JsonValue;
  world?: Prisma.JsonValue;
  messages: (Omit<Message, "id" | "trajectoryId" | "index" | "worldPatch"> & { worldPatch?: Prisma.JsonValue })[];
}): TrajectoryDoc {
  // zod drops the row-only columns (id, index, trajectoryId) and normalises nulls.
  const world = worldSchema.nullish().parse(row.world ?? null);
  return { tools: toolSpecSchema.array().parse(row.tools), messages: row.messages.map((m) => stepSchema.parse(m)), ...(world ? { world } : {}) };
}

/** Reads a trajectory back into its canonical form. */
export async function loadTrajectory(db: Db, id: string): Promise<TrajectoryDoc | null> {
  const row = await db.trajectory.findUnique({
    where: { id },
    include: { messages: { orderBy: { index: "asc" } } },
  });
  return row ? docFromRow(row) : null;
}

/** `stoppedByInfrastructure`: it ended as INFRASTRUCTURE_FAILED and continues when its item runs again. */
export type StoredEpisode = { id: string; finished: true } | { id: string; finished: false; doc: TrajectoryDoc; stoppedByInfrastructure: boolean };

/** The trajectory stored under an episode key: finished, or to be continued with the steps it has. */
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
