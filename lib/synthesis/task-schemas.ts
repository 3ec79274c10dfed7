import { z } from "zod";
import { CODE_LANGUAGES } from "./verifiable/code-problems";

// The shapes a task stores in its JSON columns. Simulation, the judge and the
// pages read them through these schemas.

export const difficulties = ["single_call", "multi_step", "parallel", "clarification", "refusal", "no_tool"] as const;
export type Difficulty = (typeof difficulties)[number];

export const personaSchema = z.object({
  name: z.string().min(1).max(80),
  background: z.string().min(1).max(600),
  /** communication style */
  tone: z.string().min(1).max(200),
  expertise: z.enum(["novice", "intermediate", "expert"]),
  patience: z.enum(["low", "medium", "high"]),
  language: z.string().min(1).max(40),
  /** facts the user has and gives when asked */
  knows: z.array(z.string().min(1).max(300)).min(1).max(8),
  /** facts the user holds back until the agent asks for them */
  revealsGradually: z.array(z.string().min(1).max(300)).min(1).max(6),
});
export type Persona = z.infer<typeof personaSchema>;

export const rubricCriterionSchema = z.object({
  id: z.string().min(1).max(64),
  description: z.string().min(1).max(600),
  weight: z.number().positive().max(10),
  /** success: the outcome; tool_use: the calling pattern; checkpoint: a milestone on the way; behaviour: how the agent acts */
  kind: z.enum(["success", "tool_use", "checkpoint", "behaviour"]),
  /** tool names the criterion is about */
  tools: z.array(z.string()).optional(),
  /** the tools must be called in the order given */
  ordered: z.boolean().optional(),
  /** for tool_use: whether the tools must or must not be called */
  expect: z.enum(["called", "not_called"]).optional(),
});
export const rubricSchema = z.array(rubricCriterionSchema).min(1);
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

export const codeTestSchema = z.object({
  name: z.string(),
  /** the function is called with these arguments… */
  args: z.array(z.unknown()),
  /** …and must return a value deeply equal to this */
  expected: z.unknown(),
});

export const verifierSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("code"),
    language: z.enum(CODE_LANGUAGES),
    functionName: z.string().min(1),
    signature: z.string().min(1),
    tests: z.array(codeTestSchema).min(1),
    /** a solution known to pass, for checking the sandbox */
    reference: z.string().min(1),
  }),
  z.object({
    kind: z.literal("math"),
    /** exact answer: an integer, a fraction "p/q" or a decimal with its stated precision */
    answer: z.string().min(1),
  }),
]);
export type Verifier = z.infer<typeof verifierSchema>;

/** What the generator writes for a tool-use task; the tools themselves are planned, not generated. */
export const taskDraftSchema = z.object({
  goal: z.string().min(1).max(1000),
  instruction: z.string().min(1).max(2000),
  persona: personaSchema,
  successCriteria: z
    .array(z.object({ description: z.string().min(1).max(600), weight: z.number().int().min(1).max(5) }))
    .min(1)
    .max(6),
  checkpoints: z.array(z.string().min(1).max(300)).max(6),
});
export type TaskDraft = z.infer<typeof taskDraftSchema>;
