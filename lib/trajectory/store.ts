import type { Db, Message, Prisma } from "../db/client";
import { worldSchema } from "../world/world";
import { stepSchema, toolSpecSchema, type TrajectoryDoc } from "./types";

export type TrajectoryRowInput = Omit<Prisma.TrajectoryUncheckedCreateInput, "messages" | "tools" | "steps">;

/** Writes a trajectory and its messages in one transaction; returns its id. */
export async function saveTrajectory(db: Db, doc: TrajectoryDoc, row: TrajectoryRowInput = {}): Promise<string> {
  const totals = doc.messages.reduce(
    (t, m) => ({
      promptTokens: t.promptTokens + m.promptTokens,
      completionTokens: t.completionTokens + m.completionTokens,
      costUsd: t.costUsd + m.costUsd,
      latencyMs: t.latencyMs + m.latencyMs,
    }),
    { promptTokens: 0, completionTokens: 0, costUsd: 0, latencyMs: 0 },
  );
  const created = await db.trajectory.create({
    data: {
      ...totals,
      hasViolations: doc.messages.some((m) => m.violations.length > 0),
      hasInjectedFailures: doc.messages.some((m) => !!m.injectedFailure),
      ...row,
      tools: doc.tools as Prisma.InputJsonValue,
      ...(doc.world ? { world: doc.world as Prisma.InputJsonValue } : {}),
      steps: doc.messages.length,
      messages: {
        createMany: {
          data: doc.messages.map((m, index) => ({
            index,
            role: m.role,
            content: m.content,
            rawContent: m.rawContent ?? null,
            reasoning: m.reasoning ?? null,
            toolCalls: (m.toolCalls ?? undefined) as Prisma.InputJsonValue | undefined,
            toolCallId: m.toolCallId ?? null,
            toolName: m.toolName ?? null,
            isError: m.isError,
            injectedFailure: m.injectedFailure ?? null,
            worldPatch: (m.worldPatch ?? undefined) as Prisma.InputJsonValue | undefined,
            violations: m.violations as Prisma.InputJsonValue,
            promptTokens: m.promptTokens,
            completionTokens: m.completionTokens,
            latencyMs: m.latencyMs,
            costUsd: m.costUsd,
          })),
        },
      },
    },
    select: { id: true },
  });
  return created.id;
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
