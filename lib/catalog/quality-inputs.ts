import { z } from "zod";
import { idSchema } from "../actions/inputs";
import { QualityVerdict } from "../db/generated/enums";

// What a tool's page sends when an admin overrules the quality filter.

export const overruleVerdictSchema = z.enum(QualityVerdict).exclude(["pending"]);
export const overruleSchema = z.object({ toolId: idSchema, verdict: overruleVerdictSchema, note: z.string().trim().max(500) });
export type OverruleInput = z.input<typeof overruleSchema>;
