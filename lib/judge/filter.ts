import { z } from "zod";
import type { Verdict } from "../db/client";
import type { ExecutionLayer } from "./execution";
import type { RubricLayer } from "./rubric";
import type { StateLayer } from "./state";
import { RULE_CODES, ruleLimitsSchema, type RuleCheck } from "./rules";

// The filter turns three layers into accepted / rejected, with the reasons a
// person reads. Its settings come from the judge run's config.

export const LAYERS = ["rules", "execution", "state", "rubric"] as const;
export type Layer = (typeof LAYERS)[number];

export const filterSettingsSchema = z.object({
  /** the lowest layer score (0–1) an accepted trajectory may have */
  minScore: z.number().min(0).max(1).default(0.6),
  /** layers whose failure rejects; the others are recorded but do not decide */
  requiredLayers: z.array(z.enum(LAYERS)).default([...LAYERS]),
  /** rule checks recorded but never rejecting */
  ignoreRules: z.array(z.enum(RULE_CODES)).default([]),
  limits: ruleLimitsSchema.default({ loopThreshold: 3 }),
  /** skip the model when rules or execution already rejected (saves cost, leaves the rubric layer empty) */
  skipRubricWhenRejected: z.boolean().default(false),
});
export type FilterSettings = z.infer<typeof filterSettingsSchema>;

export const decisionSchema = z.object({
  verdict: z.enum(["accepted", "rejected"]),
  score: z.number(),
  reasons: z.array(z.object({ layer: z.enum(LAYERS).nullable(), message: z.string(), steps: z.array(z.number().int()) })),
});
export type Decision = z.infer<typeof decisionSchema>;
type Reason = Decision["reasons"][number];

export function rulesReasons(checks: RuleCheck[], filter: FilterSettings): Reason[] {
  const ignored = new Set<string>(filter.ignoreRules);
  return checks.filter((c) => !c.passed && !ignored.has(c.code)).map((c) => ({ layer: "rules", message: `${c.code}: ${c.message}`, steps: c.steps }));
}

export function executionReasons(execution: ExecutionLayer): Reason[] {
  if (execution.status === "passed" || execution.status === "not_applicable") return [];
  return [{ layer: "execution", message: execution.message, steps: execution.steps }];
}

/** Every failed state check; a state layer that cannot run (its blueprint unusable) rejects too. */
export function stateReasons(state: StateLayer): Reason[] {
  if (state.status === "error") return [{ layer: "state", message: state.message, steps: [] }];
  if (state.status !== "failed") return [];
  return [...state.assertions, ...state.actions, ...state.facts]
    .filter((c) => !c.passed)
    .map((c) => ({ layer: "state" as const, message: `${c.id}: ${c.reason}`, steps: [] }));
}

/** The judge's fail verdict or a score below the minimum, with the weakest criteria (and the steps they cite) as the why. */
export function rubricReasons(rubric: RubricLayer, minScore: number): Reason[] {
  if (rubric.status === "skipped") return [{ layer: "rubric", message: "The rubric judge was skipped", steps: [] }];
  if (rubric.status === "error") return [{ layer: "rubric", message: rubric.error ?? "The rubric judge failed", steps: [] }];
  const failed = rubric.verdict !== "pass";
  const low = (rubric.score ?? 0) < minScore;
  if (!failed && !low) return [];
  const head = failed ? `The judge's verdict is fail` : `The rubric score ${(rubric.score ?? 0).toFixed(2)} is below the minimum ${minScore}`;
  const weakest = [...rubric.criteria]
    .filter((c) => c.score < 0.5)
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    // a criterion the judge gave no score is "not scored", never "scored 0.00"
    .map((c) => ({
      layer: "rubric" as const,
      message: c.scored ? `Criterion "${c.id}" scored ${c.score.toFixed(2)}: ${c.justification}` : `Criterion "${c.id}" was not scored`,
      steps: c.steps,
    }));
  return [{ layer: "rubric", message: head, steps: [] }, ...weakest];
}

/** Whether the rubric judge still matters once rules and execution are known (it does not when they already reject and skipping is on). */
export function rubricNeeded(checks: RuleCheck[], execution: ExecutionLayer, filter: FilterSettings): boolean {
  if (!filter.skipRubricWhenRejected) return true;
  const required = new Set(filter.requiredLayers);
  const rejected = (required.has("rules") && rulesReasons(checks, filter).length > 0) || (required.has("execution") && executionReasons(execution).length > 0);
  return !rejected;
}

function layerScores(
  checks: RuleCheck[],
  execution: ExecutionLayer,
  rubric: RubricLayer,
  filter: FilterSettings,
  state?: StateLayer,
): Partial<Record<Layer, number>> {
  const ignored = new Set<string>(filter.ignoreRules);
  const counted = checks.filter((c) => !ignored.has(c.code));
  return {
    rules: counted.length ? counted.filter((c) => c.passed).length / counted.length : 1,
    ...(execution.score !== null ? { execution: execution.score } : {}),
    ...(state?.score != null ? { state: state.score } : {}),
    ...(rubric.score !== null ? { rubric: rubric.score } : {}),
  };
}

/**
 * Accepted only when every required layer passes and the trajectory's score,
 * the lowest score among the required layers that produced one, reaches the minimum.
 */
export function decide(layers: { rules: RuleCheck[]; execution: ExecutionLayer; rubric: RubricLayer; state?: StateLayer }, filter: FilterSettings): Decision {
  const required = new Set(filter.requiredLayers);
  const reasons: Reason[] = [
    ...(required.has("rules") ? rulesReasons(layers.rules, filter) : []),
    ...(required.has("execution") ? executionReasons(layers.execution) : []),
    ...(required.has("state") && layers.state ? stateReasons(layers.state) : []),
    ...(required.has("rubric") ? rubricReasons(layers.rubric, filter.minScore) : []),
  ];
  const scores = layerScores(layers.rules, layers.execution, layers.rubric, filter, layers.state);
  const requiredScores = LAYERS.filter((l) => required.has(l) && scores[l] !== undefined).map((l) => scores[l]!);
  const candidates = requiredScores.length ? requiredScores : Object.values(scores);
  const score = Math.min(...candidates);
  const saidSo = (layer: Layer) => reasons.some((r) => r.layer === layer) && score === scores[layer];
  if (score < filter.minScore && !saidSo("rubric") && !saidSo("state"))
    reasons.push({ layer: null, message: `Score ${score.toFixed(2)} is below the minimum ${filter.minScore}`, steps: [] });
  const verdict: Verdict = reasons.length === 0 ? "accepted" : "rejected";
  return { verdict, score, reasons };
}
