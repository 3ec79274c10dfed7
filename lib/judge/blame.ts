import type { Blame } from "../db/client";
import type { TrajectoryDoc } from "../trajectory/types";
import { INFRASTRUCTURE_FAILED } from "../trajectory/ended";
import { WORLD_PATCH_REFUSED } from "../simulation/tools/world-step";
import type { ExecutionLayer } from "./execution";
import type { Decision } from "./filter";
import type { RubricLayer } from "./rubric";
import type { StateLayer } from "./state";

// Who a rejected trajectory's failure belongs to, with the reasons: the
// infrastructure (an episode it stopped, a sandbox that failed or is missing, a rubric judge whose
// endpoint or model failed, told by the error's class), the task (a verifier
// or blueprint that cannot be used), the tool simulator (a change to the
// world it could not make), the user simulator (it gave away its hidden goal,
// or ended before the agent could act), and otherwise the agent. Checked in
// that order: the first party that failed is the one blamed.

export type BlameInput = {
  doc: TrajectoryDoc;
  endReason: string;
  /** why the infrastructure stopped the episode, when it did */
  endError?: string | null;
  task: { goal: string; mode: string } | null;
  decision: Decision;
  execution: ExecutionLayer;
  state: StateLayer;
  rubric: Pick<RubricLayer, "status" | "error" | "errorOrigin">;
};

export type BlameOutcome = { blame: Blame | null; reasons: string[] };

const executionFault = (e: ExecutionLayer, origin: "task" | "sandbox") => (e.status === "error" || e.status === "unavailable") && e.origin === origin;

/** Failures of the studio's own machinery, by the error's class: the database, an endpoint, a model's unusable output. */
const INFRASTRUCTURE_ORIGINS = new Set(["database", "endpoint", "model"]);

/** The rubric judge itself failed (its endpoint or model), and no other layer rejected the trajectory. */
function judgeFault(input: BlameInput): boolean {
  const { rubric, decision } = input;
  if (rubric.status !== "error" || !rubric.errorOrigin || !INFRASTRUCTURE_ORIGINS.has(rubric.errorOrigin)) return false;
  return decision.reasons.every((r) => r.layer === "rubric" || r.layer === null);
}

export function assignBlame(input: BlameInput): BlameOutcome {
  const { doc, decision, execution, state, task } = input;
  if (input.endReason === INFRASTRUCTURE_FAILED)
    return { blame: "infrastructure", reasons: [`the episode was stopped: ${input.endError ?? "its endpoint or model kept failing"}`] };
  if (decision.verdict === "accepted") return { blame: null, reasons: [] };
  if (executionFault(execution, "sandbox")) return { blame: "infrastructure", reasons: [execution.message] };
  if (judgeFault(input))
    return { blame: "infrastructure", reasons: [`the rubric judge failed (${input.rubric.errorOrigin}): ${input.rubric.error ?? "no usable reply"}`] };
  if (executionFault(execution, "task")) return { blame: "task", reasons: [execution.message] };
  if (state.status === "error") return { blame: "task", reasons: [state.message] };

  const refused = doc.messages.flatMap((m, i) => m.violations.filter((v) => v.code === WORLD_PATCH_REFUSED).map((v) => `step ${i}: ${v.message}`));
  if (refused.length) return { blame: "tool_simulator", reasons: refused };

  const userTurns = doc.messages.map((m, i) => ({ m, i })).filter(({ m }) => m.role === "user");
  const goal = task?.goal.trim().toLowerCase();
  const revealed = goal && goal.length >= 20 ? userTurns.slice(1).find(({ m }) => m.content?.toLowerCase().includes(goal)) : undefined;
  if (revealed) return { blame: "user_simulator", reasons: [`step ${revealed.i}: the user simulator revealed its hidden goal`] };
  const calls = doc.messages.some((m) => m.role === "assistant" && (m.toolCalls ?? []).some((c) => c.name !== "finish"));
  if (input.endReason === "user_satisfied" && !calls && state.actions.length > 0) {
    return { blame: "user_simulator", reasons: ["the user simulator ended the conversation as satisfied before the agent made any of the required calls"] };
  }
  return { blame: "agent", reasons: decision.reasons.map((r) => (r.layer ? `${r.layer}: ${r.message}` : r.message)) };
}
