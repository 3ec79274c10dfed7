import { z } from "zod";
import type { Step, TrajectoryDoc } from "../trajectory/types";
import { replyToUser } from "../simulation/user-simulator";
import { blueprintSchema, checkActions, checkAssertion, checkFacts, type Check } from "../world/blueprint";
import { worldAfter } from "../world/world";

// The state layer: the episode's final world against the task's expected
// end state, the calls it made against the required actions, and what it told
// the user against the facts it had to convey. Any miss fails the layer, and
// a failed state layer rejects the trajectory whatever the rubric says.

const checkSchema = z.object({ id: z.string(), passed: z.boolean(), reason: z.string() });
export const stateLayerSchema = z.object({
  status: z.enum(["not_applicable", "passed", "failed", "error"]),
  message: z.string(),
  assertions: z.array(checkSchema),
  actions: z.array(checkSchema),
  facts: z.array(checkSchema),
  /** share of checks passed; null when not applicable */
  score: z.number().nullable(),
});
export type StateLayer = z.infer<typeof stateLayerSchema>;

const none = (message: string): StateLayer => ({ status: "not_applicable", message, assertions: [], actions: [], facts: [], score: null });

function callsOf(messages: Step[]) {
  return messages.flatMap((m) => (m.role === "assistant" ? (m.toolCalls ?? []).filter((c) => c.name !== "finish") : []));
}

export function judgeState(doc: TrajectoryDoc, blueprintJson: unknown): StateLayer {
  if (!doc.world || blueprintJson == null) return none("The task has no world or blueprint to check");
  const blueprint = blueprintSchema.safeParse(blueprintJson);
  if (!blueprint.success) return { ...none(`The task's blueprint is unusable: ${blueprint.error.issues[0]?.message}`), status: "error" };
  let final;
  try {
    final = worldAfter(
      doc.world,
      doc.messages.map((m) => m.worldPatch),
    );
  } catch (e) {
    return { ...none(e instanceof Error ? e.message : String(e)), status: "error" };
  }
  const assertions = blueprint.data.endState.map((a) => checkAssertion(final, a));
  const actions = checkActions(callsOf(doc.messages), blueprint.data);
  const facts = checkFacts(
    doc.messages.flatMap((m) => (m.role === "assistant" ? (replyToUser(m) ?? []) : [])),
    blueprint.data.facts,
  );
  const all: Check[] = [...assertions, ...actions, ...facts];
  if (all.length === 0) return none("The blueprint asks for nothing checkable");
  const failed = all.filter((c) => !c.passed);
  return {
    status: failed.length ? "failed" : "passed",
    message: failed.length ? `${failed.length} of ${all.length} state checks failed` : `All ${all.length} state checks passed`,
    assertions,
    actions,
    facts,
    score: (all.length - failed.length) / all.length,
  };
}
