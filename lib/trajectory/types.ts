import { z } from "zod";
import { worldPatchSchema, worldSchema } from "../world/world";

// The canonical in-memory form of a trajectory. Simulation produces it, the
// judge reads it, import/export convert to and from it, and the store keeps
// it as Trajectory + Message rows.

export const jsonSchemaObject = z.record(z.string(), z.unknown());

export const toolSpecSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(""),
  parameters: jsonSchemaObject.default({ type: "object", properties: {} }),
  outputSchema: jsonSchemaObject.nullish(),
  /** core tools serve the agent's purpose; distractors are there to be left alone */
  role: z.enum(["core", "distractor"]).optional(),
  /** set when a trajectory used a tool that was never declared (imports) */
  undeclared: z.boolean().optional(),
  toolId: z.string().optional(),
});
export type ToolSpec = z.infer<typeof toolSpecSchema>;

export const toolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.unknown(),
  /** the arguments exactly as the model wrote them */
  rawArguments: z.string().optional(),
  /** set when rawArguments could not be parsed as JSON */
  argumentsError: z.string().optional(),
  /** set when the studio gave the call its id: the one the model's endpoint sent (null: none), missing or already used */
  sourceId: z.string().nullable().optional(),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

export const violationSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type Violation = z.infer<typeof violationSchema>;

export const stepSchema = z.object({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string().nullable().default(null),
  /** the reply's text as the model sent it, when tool calls were read out of it (content is the text around them) */
  rawContent: z.string().nullable().default(null),
  reasoning: z.string().nullable().default(null),
  toolCalls: z.array(toolCallSchema).nullable().default(null),
  toolCallId: z.string().nullable().default(null),
  toolName: z.string().nullable().default(null),
  isError: z.boolean().default(false),
  /** the kind of failure the tool simulator injected on purpose, if any */
  injectedFailure: z.string().nullable().default(null),
  /** on a tool result: the change it made to the episode's simulated world */
  worldPatch: worldPatchSchema.nullable().default(null),
  violations: z.array(violationSchema).default([]),
  promptTokens: z.number().int().default(0),
  completionTokens: z.number().int().default(0),
  latencyMs: z.number().int().default(0),
  costUsd: z.number().default(0),
});
export type Step = z.infer<typeof stepSchema>;
export type StepInput = z.input<typeof stepSchema>;

export const trajectoryDocSchema = z.object({
  tools: z.array(toolSpecSchema).default([]),
  messages: z.array(stepSchema),
  /** the simulated world the episode started from, when it had one */
  world: worldSchema.nullish(),
});
export type TrajectoryDoc = z.infer<typeof trajectoryDocSchema>;
