import { z } from "zod";
import { idSchema } from "../actions/inputs";
import { ScoreKind, ScoreScope } from "../db/generated/enums";

// What a score configuration is and what answers fit it: pure, so the label
// form (client) and the server check a value the same way.

export { ScoreKind, ScoreScope };
export const SCORE_KINDS = Object.values(ScoreKind);
export const SCORE_SCOPES = Object.values(ScoreScope);

export const SCORE_KIND_LABELS: Record<ScoreKind, string> = {
  boolean: "yes / no",
  categorical: "categories",
  numeric: "number in a range",
  text: "free text",
};
export const SCORE_SCOPE_LABELS: Record<ScoreScope, string> = { trajectory: "whole trajectory", step: "one step" };

const option = z.string().trim().min(1, "An option needs a name").max(80);
const common = {
  name: z.string().trim().min(1, "Give the configuration a name").max(80),
  description: z.string().trim().max(500).default(""),
  scope: z.enum(ScoreScope),
};

/** A new configuration as an admin defines it. */
export const scoreConfigInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("boolean"), ...common }),
  z.object({
    kind: z.literal("categorical"),
    ...common,
    options: z
      .array(option)
      .min(2, "A categorical configuration needs at least two options")
      .max(20)
      .refine((o) => new Set(o).size === o.length, "Each option once"),
    multiple: z.boolean().default(false),
  }),
  z
    .object({ kind: z.literal("numeric"), ...common, min: z.number().finite(), max: z.number().finite() })
    .refine((c) => c.min < c.max, { message: "The range's minimum must be below its maximum", path: ["max"] }),
  z.object({ kind: z.literal("text"), ...common }),
]);
export type ScoreConfigInput = z.input<typeof scoreConfigInputSchema>;

/** A stored configuration, as the forms and the checks read it. */
export type ScoreConfigView = {
  id: string;
  name: string;
  description: string;
  kind: ScoreKind;
  scope: ScoreScope;
  options: string[];
  multiple: boolean;
  min: number | null;
  max: number | null;
};

/** The answer's type per kind: true/false, one option or several, a number, a text. */
export type ScoreValue = boolean | number | string | string[];

export const MAX_TEXT_SCORE = 2_000;

/** The schema a value must pass to answer `config`: in its range, among its options. */
export function scoreValueSchema(config: ScoreConfigView): z.ZodType<ScoreValue> {
  switch (config.kind) {
    case "boolean":
      return z.boolean();
    case "categorical": {
      const one = z.string().refine((v) => config.options.includes(v), { message: `not one of ${config.options.join(", ")}` });
      if (!config.multiple) return one;
      return z
        .array(one)
        .min(1, "choose at least one option")
        .refine((v) => new Set(v).size === v.length, "each option once");
    }
    case "numeric": {
      const [min, max] = [config.min ?? -Infinity, config.max ?? Infinity];
      return z.number().finite().min(min, `at least ${min}`).max(max, `at most ${max}`);
    }
    case "text":
      return z.string().trim().min(1, "empty").max(MAX_TEXT_SCORE);
  }
}

/** Null when `value` answers `config`, else why not, in words. */
export function scoreValueProblem(config: ScoreConfigView, value: unknown): string | null {
  const parsed = scoreValueSchema(config).safeParse(value);
  return parsed.success ? null : `${config.name}: ${parsed.error.issues[0]?.message ?? "does not fit"}`;
}

/** A value as people read it in the review history. */
export function formatScoreValue(value: unknown): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (value === null || value === undefined) return "—";
  return String(value);
}

/** One answer as the forms send it; the value is checked against its configuration where the configuration is read. */
export const scoreAnswerSchema = z.object({
  configId: z.string().min(1).max(64),
  value: z.union([z.boolean(), z.number().finite(), z.string().max(MAX_TEXT_SCORE + 100), z.array(z.string().max(80)).max(20)]),
});
export type ScoreAnswer = z.infer<typeof scoreAnswerSchema>;

/** The rubric's scores, 1 met to 0 not met, as the label form offers them. */
export const CRITERION_SCORES = [
  { value: 1, label: "met" },
  { value: 0.5, label: "partly met" },
  { value: 0, label: "not met" },
] as const;

export function criterionScoreLabel(value: unknown): string {
  return CRITERION_SCORES.find((s) => s.value === value)?.label ?? String(value);
}

export const archiveScoreConfigSchema = z.object({ id: idSchema, archived: z.boolean() });
export type ArchiveScoreConfigInput = z.input<typeof archiveScoreConfigSchema>;
