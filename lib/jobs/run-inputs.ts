import { z } from "zod";
import { idSchema } from "../actions/inputs";
import { runBudgetSchema } from "./budget-schema";
import { noopConfigSchema } from "./config";

// What the Runs pages' controls send.

export const runRefSchema = z.object({ runId: idSchema });
export const trialRunSchema = noopConfigSchema.pick({ steps: true, delayMs: true });
export const setRunBudgetSchema = runBudgetSchema.extend({ runId: idSchema });
export const deleteRunOutputsSchema = z.object({ runId: idSchema, reason: z.string().trim().min(3, "Say why, in a few words").max(500) });

export type RunRef = z.input<typeof runRefSchema>;
export type TrialRunInput = z.input<typeof trialRunSchema>;
export type SetRunBudgetInput = z.input<typeof setRunBudgetSchema>;
export type DeleteRunOutputsInput = z.input<typeof deleteRunOutputsSchema>;
