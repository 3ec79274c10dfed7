import { z } from "zod";

// A leaf module: forms, actions and the CLI parse budgets without loading the pipeline.

/** A form field left blank means "no cap"; an absent one leaves the cap as it is. */
const blankIsNone = (v: unknown) => (v === "" ? null : v);

/** A run's caps: money (USD) and tokens (prompt + completion); null or absent means no cap. */
export const runBudgetSchema = z.object({
  usd: z.preprocess(blankIsNone, z.coerce.number().positive("a budget in USD is above 0").max(1_000_000).nullable()).optional(),
  tokens: z.preprocess(blankIsNone, z.coerce.number().int("tokens are a whole number").positive("a token budget is above 0").max(1e12).nullable()).optional(),
});
export type RunBudget = z.infer<typeof runBudgetSchema>;

/** The workspace's cap on what all runs together spend in a UTC day; null means none. */
export const dailyBudgetSchema = z.object({
  usd: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().positive("a daily budget is above 0").max(1_000_000).nullable()),
});

/** Setting key of the daily budget (USD). */
export const DAILY_BUDGET_KEY = "budget.dailyUsd";

/**
 * Takes `--budget-usd` and `--budget-tokens` (as parsed flags: budgetUsd,
 * budgetTokens) out of a command's flags; the rest is the stage's config.
 */
export function splitBudgetFlags(flags: unknown): { budget: RunBudget; config: unknown } {
  if (!flags || typeof flags !== "object" || Array.isArray(flags)) return { budget: {}, config: flags };
  const { budgetUsd, budgetTokens, ...config } = flags as Record<string, unknown>;
  const parsed = runBudgetSchema.safeParse({ usd: budgetUsd, tokens: budgetTokens });
  if (!parsed.success) throw new Error(`--budget-usd / --budget-tokens: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return { budget: parsed.data, config };
}

/** A run parked at a budget (lib/jobs/budget.ts): paused, and no worker holds it. */
export function isParked(run: { status: string; heartbeatAt: Date | null }): boolean {
  return run.status === "paused" && run.heartbeatAt === null;
}

/** A start form's input: the stage's config and the caps typed beside it (blank: no cap). */
export function startInput<C extends z.ZodType>(config: C) {
  return z.object({ config, budget: runBudgetSchema.optional() });
}
/** What a start form sends for a stage whose config (as typed) is `C`. */
export type StartInput<C> = { config: C; budget?: z.input<typeof runBudgetSchema> };
