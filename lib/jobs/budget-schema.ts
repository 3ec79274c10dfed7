import { z } from "zod";

// A leaf module: forms, actions and the CLI parse budgets without loading the pipeline.

/** A form field left blank means "no cap". */
const blankIsNone = (v: unknown) => (v === "" || v === undefined ? null : v);

/** A run's caps: money (USD) and tokens (prompt + completion); null or absent means no cap. */
export const runBudgetSchema = z.object({
  usd: z.preprocess(blankIsNone, z.coerce.number().positive("a budget in USD is above 0").max(1_000_000).nullable()).optional(),
  tokens: z.preprocess(blankIsNone, z.coerce.number().int("tokens are a whole number").positive("a token budget is above 0").max(1e12).nullable()).optional(),
});
export type RunBudget = z.infer<typeof runBudgetSchema>;

/** The workspace's cap on what all runs together spend in a UTC day; null means none. */
export const dailyBudgetSchema = z.object({
  usd: z.preprocess(blankIsNone, z.coerce.number().positive("a daily budget is above 0").max(1_000_000).nullable()),
});

/** Setting key of the daily budget (USD). */
export const DAILY_BUDGET_KEY = "budget.dailyUsd";
