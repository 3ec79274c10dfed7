import { z } from "zod";
import type { Db, Verdict } from "../db/client";
import { HUMAN_VERDICT_ORDER } from "../trajectory/verdict";
import { agreement, type Agreement } from "./agreement";

// How well the judge agrees with people, wherever people have labelled
// trajectories: per judge configuration, on the overall verdict and on each
// rubric criterion that reviews score.

const VERDICTS: Verdict[] = ["accepted", "rejected"];
const PASS_FAIL = ["pass", "fail"] as const;
type PassFail = (typeof PASS_FAIL)[number];

/** A criterion counts as met from this normalised score (0–1) on, for judge and reviewer alike. */
export const CRITERION_PASS_AT = 0.5;

export type CriterionCalibration = { id: string } & Agreement<PassFail>;

export type ConfigCalibration = {
  configHash: string;
  judgeModel: string;
  promptVersion: string;
  /** judge (columns) against the latest review (rows) */
  verdict: Agreement<Verdict>;
  criteria: CriterionCalibration[];
};

// Review.criteria is written by the reviewer studio; read what it can be: a
// map or a list, each criterion a boolean, a pass/fail word, a 0–1 or 1–5
// score, or an object holding one of those.
const markSchema = z.union([
  z.boolean(),
  z.number(),
  z.string(),
  z.object({ passed: z.boolean().optional(), verdict: z.string().optional(), score: z.number().optional(), met: z.boolean().optional() }).loose(),
]);

function markToPassFail(mark: z.infer<typeof markSchema>): PassFail | null {
  if (typeof mark === "boolean") return mark ? "pass" : "fail";
  if (typeof mark === "number") return (mark > 1 ? (mark - 1) / 4 : mark) >= CRITERION_PASS_AT ? "pass" : "fail";
  if (typeof mark === "string") {
    if (/^(pass|passed|met|yes|true|accepted|ok)$/i.test(mark)) return "pass";
    if (/^(fail|failed|not[_ ]met|no|false|rejected)$/i.test(mark)) return "fail";
    return null;
  }
  const inner = mark.passed ?? mark.met ?? mark.verdict ?? mark.score;
  return inner === undefined ? null : markToPassFail(inner);
}

export function reviewCriteria(raw: unknown): Map<string, PassFail> {
  const out = new Map<string, PassFail>();
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.flatMap((item) => (item && typeof item === "object" && "id" in item ? [[String((item as { id: unknown }).id), item] as [string, unknown]] : []))
    : raw && typeof raw === "object"
      ? Object.entries(raw)
      : [];
  for (const [id, value] of entries) {
    const mark = markSchema.safeParse(value);
    const pf = mark.success ? markToPassFail(mark.data) : null;
    if (pf) out.set(id, pf);
  }
  return out;
}

const judgedCriteriaSchema = z.object({ criteria: z.array(z.object({ id: z.string(), score: z.number(), scored: z.boolean().optional() }).loose()) }).loose();

function judgeCriteria(rubric: unknown): Map<string, PassFail> {
  const parsed = judgedCriteriaSchema.safeParse(rubric);
  if (!parsed.success) return new Map();
  return new Map(parsed.data.criteria.filter((c) => c.scored !== false).map((c) => [c.id, c.score >= CRITERION_PASS_AT ? "pass" : "fail"]));
}

type Labelled = { trajectoryId: string; human: Verdict; humanCriteria: Map<string, PassFail> };
type Judged = { trajectoryId: string; configHash: string; judgeModel: string; promptVersion: string; verdict: Verdict; criteria: Map<string, PassFail> };

const CHUNK = 5_000;

/** The deciding review of every labelled trajectory: its latest adjudication, else its latest review. */
async function latestReviews(db: Db): Promise<Map<string, Labelled>> {
  const rows = await db.review.findMany({
    select: { trajectoryId: true, verdict: true, criteria: true },
    orderBy: [{ trajectoryId: "asc" }, ...HUMAN_VERDICT_ORDER],
    distinct: ["trajectoryId"],
  });
  return new Map(rows.map((r) => [r.trajectoryId, { trajectoryId: r.trajectoryId, human: r.verdict, humanCriteria: reviewCriteria(r.criteria) }]));
}

/** The latest judgement per labelled trajectory and configuration. */
async function latestJudgements(db: Db, trajectoryIds: string[], configHashes?: string[]): Promise<Judged[]> {
  const out: Judged[] = [];
  for (let i = 0; i < trajectoryIds.length; i += CHUNK) {
    const rows = await db.judgement.findMany({
      where: { trajectoryId: { in: trajectoryIds.slice(i, i + CHUNK) }, ...(configHashes ? { configHash: { in: configHashes } } : {}) },
      select: { trajectoryId: true, configHash: true, judgeModel: true, promptVersion: true, verdict: true, rubric: true },
      orderBy: [{ trajectoryId: "asc" }, { configHash: "asc" }, { createdAt: "desc" }, { id: "desc" }],
      distinct: ["trajectoryId", "configHash"],
    });
    for (const r of rows) out.push({ ...r, criteria: judgeCriteria(r.rubric) });
  }
  return out;
}

function calibrateConfig(judged: Judged[], labels: Map<string, Labelled>): ConfigCalibration {
  const first = judged[0];
  const verdict = agreement(
    judged.map((j) => ({ id: j.trajectoryId, a: labels.get(j.trajectoryId)!.human, b: j.verdict })),
    VERDICTS,
  );
  const perCriterion = new Map<string, { id: string; a: PassFail; b: PassFail }[]>();
  for (const j of judged) {
    for (const [criterion, human] of labels.get(j.trajectoryId)!.humanCriteria) {
      const judge = j.criteria.get(criterion);
      if (!judge) continue;
      perCriterion.set(criterion, [...(perCriterion.get(criterion) ?? []), { id: j.trajectoryId, a: human, b: judge }]);
    }
  }
  const criteria = [...perCriterion.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, items]) => ({ id, ...agreement(items, [...PASS_FAIL]) }));
  return { configHash: first.configHash, judgeModel: first.judgeModel, promptVersion: first.promptVersion, verdict, criteria };
}

function byConfig(judged: Judged[]): Map<string, Judged[]> {
  const groups = new Map<string, Judged[]>();
  for (const j of judged) groups.set(j.configHash, [...(groups.get(j.configHash) ?? []), j]);
  return groups;
}

/** Agreement with people for every judge configuration that judged labelled trajectories (most judged first). */
export async function calibrate(db: Db, opts: { configHashes?: string[] } = {}): Promise<ConfigCalibration[]> {
  const labels = await latestReviews(db);
  const judged = await latestJudgements(db, [...labels.keys()], opts.configHashes);
  return [...byConfig(judged).values()].map((group) => calibrateConfig(group, labels)).sort((a, b) => b.verdict.n - a.verdict.n);
}

export type ConfigComparison = {
  /** labelled trajectories judged by both configurations: the set both are measured on */
  n: number;
  a: ConfigCalibration | null;
  b: ConfigCalibration | null;
  /** the two configurations against each other */
  between: Agreement<Verdict>;
  /** trajectories where only one configuration agrees with the reviewer */
  onlyARight: string[];
  onlyBRight: string[];
};

/** Two judge configurations measured side by side on the same labelled trajectories. */
export async function compareConfigs(db: Db, configA: string, configB: string): Promise<ConfigComparison> {
  const labels = await latestReviews(db);
  const judged = await latestJudgements(db, [...labels.keys()], [configA, configB]);
  const groups = byConfig(judged);
  const aBy = new Map((groups.get(configA) ?? []).map((j) => [j.trajectoryId, j]));
  const bBy = new Map((groups.get(configB) ?? []).map((j) => [j.trajectoryId, j]));
  const common = [...aBy.keys()].filter((id) => bBy.has(id));
  const a = common.map((id) => aBy.get(id)!);
  const b = common.map((id) => bBy.get(id)!);
  const right = (j: Judged) => j.verdict === labels.get(j.trajectoryId)!.human;
  return {
    n: common.length,
    a: a.length ? calibrateConfig(a, labels) : null,
    b: b.length ? calibrateConfig(b, labels) : null,
    between: agreement(
      common.map((id) => ({ id, a: aBy.get(id)!.verdict, b: bBy.get(id)!.verdict })),
      VERDICTS,
    ),
    onlyARight: common.filter((id) => right(aBy.get(id)!) && !right(bBy.get(id)!)),
    onlyBRight: common.filter((id) => !right(aBy.get(id)!) && right(bBy.get(id)!)),
  };
}

export type JudgeConfigSummary = { configHash: string; judgeModel: string; promptVersion: string; judgements: number; lastUsedAt: Date };

/** Every judge configuration that has judged anything, most recently used first. */
export async function listJudgeConfigs(db: Db): Promise<JudgeConfigSummary[]> {
  const rows = await db.judgement.groupBy({
    by: ["configHash", "judgeModel", "promptVersion"],
    _count: { _all: true },
    _max: { createdAt: true },
  });
  return rows
    .map((r) => ({
      configHash: r.configHash,
      judgeModel: r.judgeModel,
      promptVersion: r.promptVersion,
      judgements: r._count._all,
      lastUsedAt: r._max.createdAt ?? new Date(0),
    }))
    .sort((x, y) => y.lastUsedAt.getTime() - x.lastUsedAt.getTime());
}
