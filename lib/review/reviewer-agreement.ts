import type { Db } from "../db/client";
import { agreement, krippendorffAlpha, type AlphaMetric } from "../judge/agreement";

// Agreement between people who labelled the same trajectories: on the
// accept/reject verdict and on each trajectory-level score configuration.
// Each reviewer counts with their latest label of a trajectory (an
// adjudication is a decision, not a rating, and is left out). Two reviewers
// in all: Cohen's kappa; more: Krippendorff's alpha, nominal for verdicts,
// booleans and options, interval for numbers. Free text is not measured.

export type Statistic = "kappa" | "alpha (nominal)" | "alpha (interval)";

export type RaterAgreement = {
  /** "verdict" or the score configuration's id */
  key: string;
  name: string;
  statistic: Statistic;
  /** null when it cannot be measured: no item with two labels, or everybody gave one and the same answer */
  value: number | null;
  /** items labelled by at least two reviewers: what the figure stands on */
  items: number;
  reviewers: number;
};

type Value = string | number;

/** Kappa for two raters, alpha for more, over items each mapping a rater to a value. */
export function raterAgreement(items: Map<string, Map<string, Value>>, metric: AlphaMetric): Omit<RaterAgreement, "key" | "name"> {
  const pairable = [...items.entries()].filter(([, byRater]) => byRater.size >= 2);
  const raters = [...new Set(pairable.flatMap(([, byRater]) => [...byRater.keys()]))].sort();
  if (raters.length === 2 && metric === "nominal") {
    const [a, b] = raters;
    const labels = [...new Set(pairable.flatMap(([, byRater]) => [...byRater.values()].map(String)))].sort();
    const result = agreement(
      pairable.map(([id, byRater]) => ({ id, a: String(byRater.get(a)), b: String(byRater.get(b)) })),
      labels,
    );
    return { statistic: "kappa", value: result.kappa, items: result.n, reviewers: 2 };
  }
  const { alpha, units } = krippendorffAlpha(
    pairable.map(([, byRater]) => [...byRater.values()]),
    metric,
  );
  return { statistic: metric === "nominal" ? "alpha (nominal)" : "alpha (interval)", value: alpha, items: units, reviewers: raters.length };
}

/** A stored answer as one value to compare, or null for what is not compared (free text, a malformed value). */
function comparable(kind: string, value: unknown): Value | null {
  if (kind === "boolean" && typeof value === "boolean") return String(value);
  if (kind === "categorical" && typeof value === "string") return value;
  if (kind === "categorical" && Array.isArray(value)) return JSON.stringify([...value].map(String).sort());
  if (kind === "numeric" && typeof value === "number" && Number.isFinite(value)) return value;
  return null;
}

type LatestLabel = { id: string; trajectoryId: string; reviewerId: string; verdict: string };

/** Agreement between reviewers on the verdict and on every configuration that two people answered for the same trajectory. */
export async function reviewerAgreement(db: Db): Promise<RaterAgreement[]> {
  const latest = await db.$queryRaw<LatestLabel[]>`
    SELECT DISTINCT ON ("trajectoryId", "reviewerId") "id", "trajectoryId", "reviewerId", "verdict"::text AS "verdict"
    FROM "Review" WHERE NOT "adjudication"
      AND "trajectoryId" IN (SELECT "trajectoryId" FROM "Review" WHERE NOT "adjudication" GROUP BY 1 HAVING count(DISTINCT "reviewerId") >= 2)
    ORDER BY "trajectoryId", "reviewerId", "createdAt" DESC, "id" DESC`;
  const verdicts = new Map<string, Map<string, Value>>();
  for (const l of latest) verdicts.set(l.trajectoryId, (verdicts.get(l.trajectoryId) ?? new Map()).set(l.reviewerId, l.verdict));
  const out: RaterAgreement[] = [{ key: "verdict", name: "Accept / reject", ...raterAgreement(verdicts, "nominal") }];

  const byReview = new Map(latest.map((l) => [l.id, l]));
  const scores = await db.score.findMany({
    where: { reviewId: { in: [...byReview.keys()] }, step: null, configId: { not: null } },
    select: { reviewId: true, configId: true, value: true, config: { select: { name: true, kind: true } } },
  });
  const perConfig = new Map<string, { name: string; kind: string; items: Map<string, Map<string, Value>> }>();
  for (const s of scores) {
    const label = byReview.get(s.reviewId!);
    const value = s.config ? comparable(s.config.kind, s.value) : null;
    if (!label || !s.config || value === null) continue;
    const config = perConfig.get(s.configId!) ?? { name: s.config.name, kind: s.config.kind, items: new Map() };
    config.items.set(label.trajectoryId, (config.items.get(label.trajectoryId) ?? new Map()).set(label.reviewerId, value));
    perConfig.set(s.configId!, config);
  }
  for (const [key, c] of [...perConfig].sort(([, a], [, b]) => a.name.localeCompare(b.name))) {
    out.push({ key, name: c.name, ...raterAgreement(c.items, c.kind === "numeric" ? "interval" : "nominal") });
  }
  return out;
}
