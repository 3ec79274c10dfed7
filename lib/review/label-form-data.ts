import "server-only";
import type { Db } from "../db/client";
import { criteriaScoresSchema } from "./label";
import type { ScoreConfigView, ScoreValue } from "./score-config-schema";
import { activeScoreConfigs, queueScoreConfigs } from "./score-configs";

// What the label form asks and what it starts from. In a queue it asks what
// the queue names; elsewhere the rubric and every active configuration. It
// starts from the reviewer's own latest review of the trajectory (never
// someone else's, so a reviewer is not led by another's answers) and from
// the trajectory's tags as they are now, so amending a review is editing it.

export type PreviousLabel = {
  verdict: "accepted" | "rejected";
  criteria: Record<string, number>;
  scores: Record<string, ScoreValue>;
  note: string;
};

export type LabelFormData = {
  rubric: boolean;
  configs: ScoreConfigView[];
  stepConfigs: ScoreConfigView[];
  previous: PreviousLabel | null;
  tags: string[];
};

const isScoreValue = (v: unknown): v is ScoreValue =>
  typeof v === "boolean" || typeof v === "number" || typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));

export async function loadLabelForm(
  db: Db,
  { trajectoryId, reviewerId, queueId }: { trajectoryId: string; reviewerId: string; queueId?: string },
): Promise<LabelFormData> {
  const [asked, previous, trajectory] = await Promise.all([
    queueId ? queueScoreConfigs(db, queueId) : null,
    db.review.findFirst({
      where: { trajectoryId, reviewerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { verdict: true, criteria: true, note: true, scores: { select: { configId: true, value: true } } },
    }),
    db.trajectory.findUnique({ where: { id: trajectoryId }, select: { tags: true } }),
  ]);
  const configs = asked ? asked.configs : await activeScoreConfigs(db);
  const criteria = criteriaScoresSchema.safeParse(previous?.criteria ?? {});
  return {
    rubric: asked ? asked.rubric : true,
    configs: configs.filter((c) => c.scope === "trajectory"),
    stepConfigs: configs.filter((c) => c.scope === "step"),
    previous: previous
      ? {
          verdict: previous.verdict,
          criteria: criteria.success ? criteria.data : {},
          scores: Object.fromEntries(previous.scores.flatMap((s) => (s.configId && isScoreValue(s.value) ? [[s.configId, s.value]] : []))),
          note: previous.note,
        }
      : null,
    tags: trajectory?.tags ?? [],
  };
}
