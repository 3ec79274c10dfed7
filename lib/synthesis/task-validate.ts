import { personaSchema, rubricSchema, type Difficulty, type RubricCriterion } from "./task-schemas";

export type TaskCandidate = {
  difficulty: Difficulty;
  mode: "interactive" | "autonomous";
  persona: unknown;
  rubric: RubricCriterion[];
  requiredTools: string[];
  forbiddenTools: string[];
};

const IDENTIFIER = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;

/**
 * Why a task cannot be kept, or [] when it can. `catalogueNames` lets the
 * check catch a criterion that names, in prose, a tool from elsewhere in the
 * catalogue that this agent does not have.
 */
export function taskProblems(task: TaskCandidate, agentTools: ReadonlySet<string>, catalogueNames: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const foreign = (names: string[]) => [...new Set(names.filter((n) => !agentTools.has(n)))];

  const rubric = rubricSchema.safeParse(task.rubric);
  if (!rubric.success) problems.push(`rubric is malformed: ${rubric.error.issues[0]?.message}`);
  if (task.mode === "interactive") {
    const persona = personaSchema.safeParse(task.persona);
    if (!persona.success) problems.push(`persona is malformed: ${persona.error.issues[0]?.path.join(".")} ${persona.error.issues[0]?.message}`);
  }

  const named = [
    ...task.requiredTools,
    ...task.forbiddenTools,
    ...task.rubric.flatMap((c) => c.tools ?? []),
    ...task.rubric.flatMap((c) => c.description.match(IDENTIFIER) ?? []).filter((w) => catalogueNames.has(w)),
  ];
  const missing = foreign(named);
  if (missing.length) problems.push(`names tools the agent does not have: ${missing.join(", ")}`);
  const both = task.requiredTools.filter((t) => task.forbiddenTools.includes(t));
  if (both.length) problems.push(`tools both required and forbidden: ${both.join(", ")}`);

  const required = task.requiredTools.length;
  const shape: Record<Difficulty, [boolean, string]> = {
    single_call: [required === 1, "a single-call task requires exactly one tool"],
    multi_step: [required >= 2 && task.rubric.some((c) => c.ordered), "a multi-step task requires two or more tools in an order"],
    parallel: [required >= 2, "a parallel task requires two or more tools"],
    clarification: [required >= 1 && task.mode === "interactive", "a clarification task requires a tool and a user to ask"],
    refusal: [required === 0, "a refusal task requires no tool"],
    no_tool: [required === 0, "a no-tool task requires no tool"],
  };
  const [ok, message] = shape[task.difficulty];
  if (!ok) problems.push(message);
  return problems;
}
