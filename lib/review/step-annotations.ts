import "server-only";
import { refusedBy } from "../actions/result";
import { z } from "zod";
import type { Db } from "../db/client";
import { claimsHeldByOthers, describeClaim } from "./claims";
import { scoreAnswerSchema, scoreValueProblem } from "./score-config-schema";
import { scoreConfigsById } from "./score-configs";

// A note on one step ("wrong tool here", "the result contradicts step 4"):
// a comment, a score from a step-level configuration, or both. Appended with
// its author and time like every label, never changed.

export const MAX_ANNOTATION_COMMENT = 2_000;

export const stepAnnotationInputSchema = z
  .object({
    trajectoryId: z.string().min(1).max(64),
    step: z.number().int().min(0).max(1_000_000),
    score: scoreAnswerSchema.optional(),
    comment: z.string().trim().max(MAX_ANNOTATION_COMMENT).default(""),
  })
  .refine((a) => a.score !== undefined || a.comment.length > 0, { message: "Write a comment or choose a score", path: ["comment"] });
export type StepAnnotationInput = z.input<typeof stepAnnotationInputSchema>;

export type AnnotateResult = { ok: true; id: string } | { ok: false; error: string; claimed?: boolean };

export async function annotateStep(db: Db, authorId: string, input: StepAnnotationInput): Promise<AnnotateResult> {
  const parsed = stepAnnotationInputSchema.safeParse(input);
  if (!parsed.success) return refusedBy(parsed.error);
  const a = parsed.data;
  return db.$transaction(async (tx) => {
    const trajectory = await tx.trajectory.findUnique({ where: { id: a.trajectoryId }, select: { _count: { select: { messages: true } } } });
    if (!trajectory) return { ok: false, error: "That trajectory no longer exists." };
    if (a.step >= trajectory._count.messages) return { ok: false, error: `This trajectory has no step ${a.step}.` };
    const [held] = await claimsHeldByOthers(tx, [a.trajectoryId], authorId);
    if (held) return { ok: false, claimed: true, error: `This trajectory is claimed: ${describeClaim(held)}. It is theirs to label until then.` };
    if (a.score) {
      const config = (await scoreConfigsById(tx, [a.score.configId])).get(a.score.configId);
      if (!config) return { ok: false, error: "That score configuration no longer exists. Reload the page." };
      if (config.archivedAt) return { ok: false, error: `${config.name} was archived: reload the page.` };
      if (config.scope !== "step") return { ok: false, error: `${config.name} scores the whole trajectory, not one step.` };
      const problem = scoreValueProblem(config, a.score.value);
      if (problem) return { ok: false, error: problem };
    }
    const row = await tx.score.create({
      data: { trajectoryId: a.trajectoryId, step: a.step, configId: a.score?.configId ?? null, value: a.score?.value, comment: a.comment, authorId },
      select: { id: true },
    });
    return { ok: true, id: row.id };
  });
}

/** A trajectory's step annotations in step order, then oldest first. */
export async function listStepAnnotations(db: Pick<Db, "score">, trajectoryId: string) {
  const rows = await db.score.findMany({
    where: { trajectoryId, step: { not: null } },
    orderBy: [{ step: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      step: true,
      value: true,
      comment: true,
      createdAt: true,
      authorId: true,
      config: { select: { id: true, name: true } },
      author: { select: { name: true } },
    },
  });
  return rows.map((r) => ({ ...r, step: r.step ?? 0 }));
}
export type StepAnnotation = Awaited<ReturnType<typeof listStepAnnotations>>[number];

/** The steps that carry at least one annotation, in order: `n` / `N` jump between them. */
export function annotatedSteps(annotations: readonly Pick<StepAnnotation, "step">[]): number[] {
  return [...new Set(annotations.map((a) => a.step))].sort((x, y) => x - y);
}
