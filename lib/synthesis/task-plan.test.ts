import { describe, expect, it } from "vitest";
import { plannedCriteria, planTask, type AgentToolRef } from "./task-plan";
import { difficulties, type RubricCriterion } from "./task-schemas";
import { taskProblems, type TaskCandidate } from "./task-validate";

const tools: AgentToolRef[] = [
  { name: "create_invoice", description: "", role: "core" },
  { name: "send_invoice", description: "", role: "core" },
  { name: "void_invoice", description: "", role: "core" },
  { name: "get_forecast", description: "", role: "distractor" },
];
const agentTools = new Set(tools.map((t) => t.name));
const catalogueNames = new Set([...agentTools, "charge_card", "plan_route"]);
const persona = {
  name: "Ana",
  background: "Runs a bakery.",
  tone: "brisk",
  expertise: "novice",
  patience: "low",
  language: "English",
  knows: ["her customer number"],
  revealsGradually: ["the invoice date"],
};

function candidate(d: (typeof difficulties)[number], seed = 1): TaskCandidate {
  const plan = planTask(tools, d, seed, 0.5);
  const rubric: RubricCriterion[] = [{ id: "success-1", kind: "success", description: "The invoice is sent.", weight: 3 }, ...plannedCriteria(plan)];
  return { difficulty: plan.difficulty, mode: plan.mode, persona, rubric, requiredTools: plan.required, forbiddenTools: plan.forbidden };
}

describe("task plans", () => {
  it.each(difficulties)("a %s plan names only the agent's tools and passes validation", (d) => {
    for (let seed = 0; seed < 20; seed++) {
      const task = candidate(d, seed);
      expect(task.difficulty).toBe(d);
      expect(taskProblems(task, agentTools, catalogueNames)).toEqual([]);
      expect(task.forbiddenTools).toContain("get_forecast");
    }
  });

  it("gives each difficulty its calling pattern", () => {
    expect(candidate("single_call").requiredTools).toHaveLength(1);
    expect(candidate("multi_step").rubric.find((c) => c.id === "tools-required")?.ordered).toBe(true);
    expect(candidate("parallel").requiredTools.length).toBeGreaterThanOrEqual(2);
    expect(candidate("clarification").mode).toBe("interactive");
    expect(candidate("refusal").requiredTools).toEqual([]);
    expect(candidate("no_tool").forbiddenTools).toEqual([...agentTools].sort());
  });

  it("falls back to a single call when the agent has one core tool", () => {
    const plan = planTask([tools[0], tools[3]], "multi_step", 1, 0.5);
    expect(plan).toMatchObject({ difficulty: "single_call", required: ["create_invoice"] });
  });

  it("rejects a task whose rubric names a tool the agent does not have", () => {
    const task = candidate("single_call");
    const byField = {
      ...task,
      rubric: [...task.rubric, { id: "x", kind: "tool_use" as const, description: "Uses the card.", weight: 1, tools: ["charge_card"] }],
    };
    expect(taskProblems(byField, agentTools, catalogueNames).join()).toMatch(/does not have: charge_card/);
    const inProse = {
      ...task,
      rubric: [...task.rubric, { id: "y", kind: "success" as const, description: "Then calls plan_route for the courier.", weight: 1 }],
    };
    expect(taskProblems(inProse, agentTools, catalogueNames).join()).toMatch(/does not have: plan_route/);
    const required = { ...task, requiredTools: ["charge_card"] };
    expect(taskProblems(required, agentTools, catalogueNames).join()).toMatch(/does not have: charge_card/);
  });

  it("rejects tasks whose shape contradicts their difficulty", () => {
    expect(taskProblems({ ...candidate("single_call"), requiredTools: [] }, agentTools, catalogueNames).join()).toMatch(/exactly one tool/);
    expect(taskProblems({ ...candidate("refusal"), requiredTools: ["send_invoice"] }, agentTools, catalogueNames).join()).toMatch(/refusal/);
    const clar = candidate("clarification");
    expect(taskProblems({ ...clar, persona: { ...persona, revealsGradually: [] } }, agentTools, catalogueNames).join()).toMatch(/persona/);
    expect(taskProblems({ ...clar, forbiddenTools: clar.requiredTools }, agentTools, catalogueNames).join()).toMatch(/both required and forbidden/);
  });
});
