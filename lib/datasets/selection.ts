import type { Selection } from "./config";
import { EPISODE_ENDED, INFRASTRUCTURE_FAILED } from "../trajectory/ended";
import type { Db, Prisma } from "../db/client";
import { taskIdsBySuccessRate } from "../judge/pass-k";
import { docFromRow } from "../trajectory/store";
import type { TrajectoryDoc } from "../trajectory/types";

/** `bandTaskIds`: the tasks in the selection's success band (see `selectionWhereIn`, which finds them). */
export function selectionWhere(s: Selection, bandTaskIds?: string[]): Prisma.TrajectoryWhereInput {
  return {
    ...(s.verdict !== "any" ? { effectiveVerdict: s.verdict } : {}),
    ...(s.taskSuccess ? { taskId: { in: bandTaskIds ?? [] } } : {}),
    ...(s.runIds.length ? { runId: { in: s.runIds } } : {}),
    ...(s.agentIds.length ? { agentId: { in: s.agentIds } } : {}),
    ...(s.ids.length ? { id: { in: s.ids } } : {}),
    // an infrastructure failure is no example of anything, judged or not
    AND: [{ OR: [{ blame: null }, { blame: { not: "infrastructure" } }] }, { endReason: { not: INFRASTRUCTURE_FAILED } }, EPISODE_ENDED],
  };
}

/** The selection's where, with the tasks of its success band looked up. */
export async function selectionWhereIn(db: Db, s: Selection): Promise<Prisma.TrajectoryWhereInput> {
  return selectionWhere(s, s.taskSuccess ? await taskIdsBySuccessRate(db, s.taskSuccess.min, s.taskSuccess.max) : undefined);
}

export type SelectedTrajectory = {
  id: string;
  taskId: string | null;
  runId: string | null;
  model: string;
  provider: string;
  /** the user and tool simulators' prompt versions; none on an imported trajectory */
  userSimulatorPromptVersion: string | null;
  toolSimulatorPromptVersion: string | null;
  imported: boolean;
  doc: TrajectoryDoc;
};

const MESSAGE_FIELDS = {
  role: true,
  content: true,
  reasoning: true,
  toolCalls: true,
  toolCallId: true,
  toolName: true,
  isError: true,
  injectedFailure: true,
  rawContent: true,
  violations: true,
  promptTokens: true,
  completionTokens: true,
  latencyMs: true,
  costUsd: true,
} as const;

/**
 * The selected trajectories in id order, one batch in memory at a time
 * (keyset pagination: each page starts after the last id of the one before,
 * so page 200 costs what page 1 does).
 */
export async function* selectedBatches(db: Db, s: Selection, batchSize = 500): AsyncGenerator<SelectedTrajectory[]> {
  const where = await selectionWhereIn(db, s);
  const page = (after: string | null) =>
    db.trajectory.findMany({
      where: after ? { AND: [where, { id: { gt: after } }] } : where,
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        taskId: true,
        runId: true,
        model: true,
        provider: true,
        userSimulatorPromptVersion: true,
        toolSimulatorPromptVersion: true,
        imported: true,
        tools: true,
        messages: { orderBy: { index: "asc" }, select: MESSAGE_FIELDS },
      },
    });
  let after: string | null = null;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      id: r.id,
      taskId: r.taskId,
      runId: r.runId,
      model: r.model,
      provider: r.provider,
      userSimulatorPromptVersion: r.userSimulatorPromptVersion,
      toolSimulatorPromptVersion: r.toolSimulatorPromptVersion,
      imported: r.imported,
      doc: docFromRow(r),
    }));
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].id;
  }
}

export async function countSelection(db: Db, s: Selection): Promise<number> {
  return db.trajectory.count({ where: await selectionWhereIn(db, s) });
}
