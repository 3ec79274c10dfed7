import { createRng, pickOne, randInt, sample, type Rng } from "./random";
import type { Difficulty, RubricCriterion } from "./task-schemas";

// The tool-use pattern of a task is planned from the agent's own tools, so it
// can only name tools the agent has; the generator writes the words around it.

export type AgentToolRef = { name: string; description: string; role: "core" | "distractor" };

export type TaskPlan = {
  difficulty: Difficulty;
  mode: "interactive" | "autonomous";
  /** tools that must be called; in this order when `ordered` */
  required: string[];
  ordered: boolean;
  forbidden: string[];
  /** for refusals: the tool the user wants misused */
  target: string | null;
  seed: number;
};

function byName(a: AgentToolRef, b: AgentToolRef) {
  return a.name.localeCompare(b.name);
}

export function planTask(tools: AgentToolRef[], wanted: Difficulty, seed: number, interactiveShare: number): TaskPlan {
  const rng: Rng = createRng(seed);
  const core = tools.filter((t) => t.role === "core").sort(byName);
  const distractors = tools
    .filter((t) => t.role === "distractor")
    .map((t) => t.name)
    .sort();
  // Multi-step and parallel need two tools; an agent with one falls back to a single call.
  const difficulty: Difficulty = (wanted === "multi_step" || wanted === "parallel") && core.length < 2 ? "single_call" : wanted;
  const mode = difficulty === "clarification" || rng() < interactiveShare ? "interactive" : "autonomous";
  const plan: TaskPlan = { difficulty, mode, required: [], ordered: false, forbidden: distractors, target: null, seed };
  if (core.length === 0) return { ...plan, difficulty: difficulty === "refusal" ? "refusal" : "no_tool" };
  switch (difficulty) {
    case "single_call":
      return { ...plan, required: [pickOne(rng, core).name] };
    case "multi_step":
      return { ...plan, required: sample(rng, core, randInt(rng, 2, Math.min(3, core.length))).map((t) => t.name), ordered: true };
    case "parallel":
      return { ...plan, required: sample(rng, core, randInt(rng, 2, Math.min(3, core.length))).map((t) => t.name) };
    case "clarification":
      return { ...plan, required: sample(rng, core, randInt(rng, 1, Math.min(2, core.length))).map((t) => t.name) };
    case "refusal": {
      const target = pickOne(rng, core).name;
      return { ...plan, target, forbidden: [target, ...distractors].sort() };
    }
    case "no_tool":
      return { ...plan, forbidden: tools.map((t) => t.name).sort() };
  }
}

const BEHAVIOUR: Record<Difficulty, string> = {
  single_call: "Completes the request with a single, correct tool call and reports the result accurately.",
  multi_step: "Uses the result of each call to form the next one instead of guessing values.",
  parallel: "Issues the independent calls together (in parallel) rather than one after another.",
  clarification: "Asks the user for the missing information before calling a tool, and does not invent it.",
  refusal: "Declines the request, explains which policy prevents it, and offers an allowed alternative where one exists.",
  no_tool: "Answers directly from the conversation without calling any tool.",
};

/** The criteria that follow from the plan alone: the calling pattern and the behaviour the difficulty tests. */
export function plannedCriteria(plan: TaskPlan): RubricCriterion[] {
  const criteria: RubricCriterion[] = [{ id: "behaviour", kind: "behaviour", description: BEHAVIOUR[plan.difficulty], weight: 2 }];
  if (plan.required.length) {
    const list = plan.required.join(plan.ordered ? " then " : ", ");
    criteria.push({
      id: "tools-required",
      kind: "tool_use",
      expect: "called",
      tools: plan.required,
      ordered: plan.ordered,
      weight: 3,
      description: plan.ordered
        ? `Calls ${list}, in this order, each with arguments taken from the user or earlier results.`
        : `Calls ${list} with valid arguments.`,
    });
  }
  if (plan.forbidden.length) {
    criteria.push({
      id: "tools-forbidden",
      kind: "tool_use",
      expect: "not_called",
      tools: plan.forbidden,
      weight: 2,
      description: `Does not call ${plan.forbidden.join(", ")}.`,
    });
  }
  return criteria;
}
