import type { Step } from "../trajectory/types";

// Pure helpers the viewer uses on both sides: what kind a step is, and where
// the next step of interest is. Safe to import from client components.

export const STEP_KINDS = ["system", "user", "assistant", "tool_call", "tool_result", "error"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_KIND_LABELS: Record<StepKind, string> = {
  system: "system prompt",
  user: "user",
  assistant: "assistant",
  tool_call: "tool call",
  tool_result: "tool result",
  error: "error",
};

export function stepKind(step: Pick<Step, "role" | "toolCalls" | "isError" | "injectedFailure">): StepKind {
  if (step.role === "tool") return step.isError || step.injectedFailure ? "error" : "tool_result";
  if (step.role === "assistant") return step.toolCalls && step.toolCalls.length > 0 ? "tool_call" : "assistant";
  return step.role;
}

/** The first index in `marks` after `current` (or before it, going back); null when there is none. */
export function nextMarked(marks: readonly number[], current: number, direction: 1 | -1): number | null {
  if (direction === 1) return marks.find((m) => m > current) ?? null;
  for (let i = marks.length - 1; i >= 0; i--) if (marks[i] < current) return marks[i];
  return null;
}

/** A `?step=` value read leniently: out of range is clamped, garbage is the first step. */
export function parseStep(value: string | string[] | null | undefined, count: number): number {
  const raw = Array.isArray(value) ? value[0] : value;
  const n = Number.parseInt(raw ?? "", 10);
  if (!Number.isFinite(n) || count === 0) return 0;
  return Math.min(Math.max(n, 0), count - 1);
}

/** Steps where the agent called a tool, where a violation was recorded, or that ended in an error. */
export function stepMarks(steps: readonly Pick<Step, "role" | "toolCalls" | "isError" | "injectedFailure" | "violations">[]) {
  const toolCalls: number[] = [];
  const violations: number[] = [];
  const errors: number[] = [];
  steps.forEach((s, i) => {
    const kind = stepKind(s);
    if (kind === "tool_call") toolCalls.push(i);
    if (kind === "error") errors.push(i);
    if (s.violations.length > 0) violations.push(i);
  });
  return { toolCalls, violations, errors };
}

/** The names of the tools a trajectory called. */
export function calledTools(steps: readonly Pick<Step, "toolCalls">[]): Set<string> {
  return new Set(steps.flatMap((s) => (s.toolCalls ?? []).map((c) => c.name)));
}
