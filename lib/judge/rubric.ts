import { z } from "zod";
import { errorOrigin, type ErrorOrigin } from "../jobs/error-origin";
import { LlmRequestError } from "../llm/errors";
import type { TrajectoryDoc } from "../trajectory/types";
import type { CallContext } from "../llm/types";
import type { JudgeGateway } from "./gateway";
import { buildJudgePrompt, PROMPT_VERSION, type JudgeScale, type JudgeTaskView } from "./judge-prompt";

// The rubric layer: the `judge` role scores each criterion, cites steps and
// gives a verdict. With several samples (self-consistency) the majority
// verdict counts and the share of samples that agree with it is stored.

export const rubricSettingsSchema = z.object({
  samples: z.number().int().min(1).max(9).default(1),
  scale: z.enum(["1-5", "0-1"]).default("1-5"),
  temperature: z.number().min(0).max(2).default(0),
  seed: z.number().int().min(0).default(0),
  maxCharsPerStep: z.number().int().min(100).max(20_000).default(1_500),
});
export type RubricSettings = z.infer<typeof rubricSettingsSchema>;

/** What the judge model must return, per scale. */
export function judgeReplySchema(scale: JudgeScale) {
  const score = scale === "1-5" ? z.number().min(1).max(5) : z.number().min(0).max(1);
  return z.object({
    criteria: z
      .array(
        z.object({
          id: z.string().describe("the criterion's id exactly as listed in the rubric"),
          score,
          justification: z.string().min(1).max(1_000),
          steps: z.array(z.number().int().min(0)).max(30).describe("indices of the steps the justification relies on"),
        }),
      )
      .min(1),
    verdict: z.enum(["pass", "fail"]),
    confidence: z.number().min(0).max(1),
  });
}
export type JudgeReply = z.infer<ReturnType<typeof judgeReplySchema>>;

export const scoredCriterionSchema = z.object({
  id: z.string(),
  text: z.string(),
  weight: z.number(),
  /** normalised to 0–1 whatever the scale */
  score: z.number().min(0).max(1),
  justification: z.string(),
  steps: z.array(z.number().int().min(0)),
  /** false when the judge gave no score for this criterion (counted as 0) */
  scored: z.boolean(),
});
export type ScoredCriterion = z.infer<typeof scoredCriterionSchema>;

const sampleSchema = z.object({ seed: z.number(), verdict: z.enum(["pass", "fail"]), confidence: z.number(), score: z.number() });

export const rubricLayerSchema = z.object({
  status: z.enum(["judged", "skipped", "error"]),
  error: z.string().optional(),
  /** where the failure of a layer in error came from, told by the error's class (lib/jobs/error-origin.ts) */
  errorOrigin: z.enum(["database", "endpoint", "model", "tool", "work"] satisfies ErrorOrigin[]).optional(),
  criteria: z.array(scoredCriterionSchema),
  verdict: z.enum(["pass", "fail"]).nullable(),
  confidence: z.number().nullable(),
  /** weighted mean of the criteria scores, 0–1 */
  score: z.number().nullable(),
  samples: z.array(sampleSchema),
  /** share of samples agreeing with the majority verdict (1 with one sample) */
  agreement: z.number().nullable(),
  model: z.string(),
  provider: z.string(),
  promptVersion: z.string(),
  costUsd: z.number(),
  promptTokens: z.number(),
  completionTokens: z.number(),
});
export type RubricLayer = z.infer<typeof rubricLayerSchema>;

const normalise = (raw: number, scale: JudgeScale) => Math.min(1, Math.max(0, scale === "1-5" ? (raw - 1) / 4 : raw));

/**
 * Maps a reply onto the rubric: criteria are matched by id (case-insensitive),
 * then by position for replies whose id matches nothing; a criterion left
 * unscored counts 0; cited steps outside the episode are dropped.
 */
export function interpretReply(reply: JudgeReply, task: JudgeTaskView, stepCount: number, scale: JudgeScale): ScoredCriterion[] {
  const remaining = [...reply.criteria];
  const take = (pred: (r: JudgeReply["criteria"][number]) => boolean) => {
    const i = remaining.findIndex(pred);
    return i < 0 ? undefined : remaining.splice(i, 1)[0];
  };
  const byId = task.criteria.map((c) => take((r) => r.id.trim().toLowerCase() === c.id.toLowerCase()));
  const byPosition = byId.map((hit) => hit ?? remaining.shift());
  return task.criteria.map((c, i) => {
    const r = byPosition[i];
    if (!r) return { ...c, score: 0, justification: "The judge gave no score for this criterion.", steps: [], scored: false };
    const steps = [...new Set(r.steps.filter((s) => s < stepCount))].sort((a, b) => a - b);
    return { ...c, score: normalise(r.score, scale), justification: r.justification, steps, scored: true };
  });
}

export function weightedScore(criteria: ScoredCriterion[]): number {
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  return total === 0 ? 0 : criteria.reduce((s, c) => s + c.weight * c.score, 0) / total;
}

type Sample = { seed: number; reply: JudgeReply; criteria: ScoredCriterion[]; score: number };

export function emptyRubricLayer(status: "skipped" | "error", info: { model: string; provider: string }, error?: string): RubricLayer {
  return {
    status,
    ...(error ? { error } : {}),
    criteria: [],
    verdict: null,
    confidence: null,
    score: null,
    samples: [],
    agreement: null,
    model: info.model,
    provider: info.provider,
    promptVersion: PROMPT_VERSION,
    costUsd: 0,
    promptTokens: 0,
    completionTokens: 0,
  };
}

/** Majority verdict (a tie fails), criteria averaged over samples, words and citations from the first majority sample. */
export function combineSamples(samples: Sample[]): Pick<RubricLayer, "criteria" | "verdict" | "confidence" | "score" | "agreement" | "samples"> {
  const passes = samples.filter((s) => s.reply.verdict === "pass").length;
  const verdict = passes * 2 > samples.length ? "pass" : "fail";
  const majority = samples.filter((s) => s.reply.verdict === verdict);
  const lead = majority[0] ?? samples[0];
  const criteria = lead.criteria.map((c, i) => ({ ...c, score: samples.reduce((s, x) => s + x.criteria[i].score, 0) / samples.length }));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    criteria,
    verdict,
    confidence: majority.length ? mean(majority.map((s) => s.reply.confidence)) : 0,
    score: weightedScore(criteria),
    agreement: majority.length / samples.length,
    samples: samples.map((s) => ({ seed: s.seed, verdict: s.reply.verdict, confidence: s.reply.confidence, score: s.score })),
  };
}

export async function judgeRubric(
  gateway: JudgeGateway,
  input: { task: JudgeTaskView; doc: TrajectoryDoc; settings: RubricSettings },
  ctx: Omit<CallContext, "seed">,
): Promise<RubricLayer> {
  const { task, doc, settings } = input;
  const info = await gateway.info("judge");
  const messages = buildJudgePrompt(task, doc, settings.scale, settings.maxCharsPerStep);
  const schema = judgeReplySchema(settings.scale);
  const seeds = Array.from({ length: settings.samples }, (_, i) => settings.seed + i);
  const settled = await Promise.allSettled(
    seeds.map((seed) => gateway.structured("judge", { messages, schema, name: "rubric_judgement", temperature: settings.temperature }, { ...ctx, seed })),
  );
  let costUsd = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let model = info.model;
  let provider = info.provider;
  const samples: Sample[] = [];
  const errors: string[] = [];
  settled.forEach((s, i) => {
    if (s.status === "rejected") {
      errors.push(s.reason instanceof Error ? s.reason.message : String(s.reason));
      return;
    }
    costUsd += s.value.costUsd;
    promptTokens += s.value.usage.promptTokens;
    completionTokens += s.value.usage.completionTokens;
    ({ model, provider } = s.value);
    const criteria = interpretReply(s.value.value, task, doc.messages.length, settings.scale);
    samples.push({ seed: seeds[i], reply: s.value.value, criteria, score: weightedScore(criteria) });
  });
  if (ctx.signal?.aborted) throw ctx.signal.reason ?? new Error("aborted");
  // An endpoint that could not be reached says nothing about the trajectory:
  // the item fails (and can be retried) rather than leaving a rejection behind.
  const unreachable = settled.map((s) => (s.status === "rejected" ? s.reason : null));
  if (samples.length === 0 && unreachable.every((e) => e instanceof LlmRequestError)) throw unreachable[0];
  const accounting = { model, provider, promptVersion: PROMPT_VERSION, costUsd, promptTokens, completionTokens };
  if (samples.length === 0) {
    const first = settled.find((s) => s.status === "rejected")?.reason;
    return {
      ...emptyRubricLayer("error", info, `The judge gave no usable reply: ${errors[0] ?? "unknown error"}`),
      errorOrigin: errorOrigin(first),
      ...accounting,
    };
  }
  return {
    status: "judged",
    ...(errors.length ? { error: `${errors.length} of ${seeds.length} samples failed: ${errors[0]}` } : {}),
    ...combineSamples(samples),
    ...accounting,
  };
}
