import "server-only";
import type { Db } from "../db/client";
import { checkArguments, type ArgumentCheck } from "../judge/argument-validator";
import { listJudgements, type JudgementView } from "../judge/judgement-view";
import { rubricCriteria, type Criterion } from "../judge/rubric-criteria";
import { getTask } from "../synthesis/queries";
import { reactStep } from "../datasets/formats/chat-doc";
import { FINISH_TOOL } from "../simulation/react";
import { docFromRow } from "../trajectory/store";
import type { Step, ToolCall, ToolSpec } from "../trajectory/types";
import { listReviews } from "./label";
import { annotatedSteps, listStepAnnotations } from "./step-annotations";
import { calledTools, stepKind, stepMarks, type StepKind } from "./steps";
import { buildWorldView } from "./world-view";
import { LINEAGE_SELECT } from "./lineage";

// Everything the trajectory page shows, read in one place: the steps with
// each tool call checked against its tool's schema, the task, the agent's
// tools, the judgements, the reviews, the step annotations and the fork lineage.

export type CallCheck = ArgumentCheck & { undeclared?: boolean; protocolEnd?: boolean };
export type ViewStep = Step & { index: number; kind: StepKind; checks: CallCheck[] };

/** Checks a call's arguments against the schema of the tool it names (ajv, through the judge's validator). */
export function checkCall(call: ToolCall, tools: Map<string, ToolSpec>): CallCheck {
  if (call.argumentsError) return { valid: false, errors: [`the arguments are not valid JSON: ${call.argumentsError}`] };
  const tool = tools.get(call.name);
  // ReAct's `finish` is the protocol's end of a turn, never one of the agent's tools
  if (!tool && call.name === FINISH_TOOL) return { valid: true, protocolEnd: true };
  if (!tool) return { valid: false, undeclared: true, errors: [`${call.name} is not one of the tools offered to the agent`] };
  return checkArguments(tool.parameters, call.arguments ?? {});
}

export function viewSteps(steps: Step[], tools: ToolSpec[]): ViewStep[] {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return steps.map((s, index) => {
    // a ReAct step's thought is in its protocol text: the reasoning shows only what the model reasoned besides
    const react = s.role === "assistant" ? reactStep(s) : null;
    const reasoning = react ? react.reasoning : s.reasoning;
    return { ...s, reasoning, index, kind: stepKind(s), checks: (s.toolCalls ?? []).map((c) => checkCall(c, byName)) };
  });
}

/**
 * What a judgement says about each step it points at: its failed rules, the
 * execution check, the rubric criteria whose justification cites the step
 * and the reasons for its verdict.
 */
export function judgeCitations(j: JudgementView | undefined): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  const cite = (steps: number[], label: string) => {
    for (const s of steps) if (!(out[s] ??= []).includes(label)) out[s].push(label);
  };
  if (!j) return out;
  // the reasons for the verdict repeat failed rules in this same wording, so each shows once
  for (const r of j.rules) if (!r.passed) cite(r.steps, `${r.code}: ${r.message}`);
  if (j.execution) cite(j.execution.steps, j.execution.message);
  for (const c of j.rubric?.criteria ?? []) cite(c.steps, `criterion ${c.id} (${c.score.toFixed(2)}): ${c.justification}`);
  for (const r of j.decision?.reasons ?? []) cite(r.steps, r.message);
  return out;
}

export type AgentToolView = { name: string; description: string; role: "core" | "distractor" | null; used: boolean; toolId: string | null };

export async function loadTrajectoryView(db: Db, id: string) {
  const row = await db.trajectory.findUnique({
    where: { id },
    include: {
      messages: { orderBy: { index: "asc" } },
      agent: {
        select: { id: true, name: true, domain: true, systemPrompt: true, tools: { select: { toolId: true, role: true, tool: { select: { name: true } } } } },
      },
      run: { select: { id: true, kind: true, createdAt: true } },
      task: { select: { rubric: true, blueprint: true } },
      parent: LINEAGE_SELECT.parent,
      forks: LINEAGE_SELECT.forks,
    },
  });
  if (!row) return null;
  const doc = docFromRow(row);
  const [task, judgements, reviews, annotations] = await Promise.all([
    row.taskId ? getTask(db, row.taskId) : null,
    listJudgements(db, id),
    listReviews(db, id),
    listStepAnnotations(db, id),
  ]);

  const roleByTool = new Map(row.agent?.tools.flatMap((t) => [[t.toolId, t.role] as const, [t.tool.name, t.role] as const]) ?? []);
  const used = calledTools(doc.messages);
  const tools: AgentToolView[] = doc.tools.map((t) => ({
    name: t.name,
    description: t.description,
    role: t.role ?? (t.toolId ? roleByTool.get(t.toolId) : undefined) ?? roleByTool.get(t.name) ?? null,
    used: used.has(t.name),
    toolId: t.toolId ?? null,
  }));
  for (const name of used) {
    if (!tools.some((t) => t.name === name)) tools.push({ name, description: "called, but never offered to the agent", role: null, used: true, toolId: null });
  }

  const steps = viewSteps(doc.messages, doc.tools);
  // the latest judgement is the one that counts
  const citations = judgeCitations(judgements[0]);
  // the judge reads the stored rubric in whatever shape it has; so do the label form's criteria
  const criteria: Criterion[] = row.task ? rubricCriteria(row.task.rubric) : [];
  const { messages: _messages, agent, task: _task, ...trajectory } = row;
  return {
    trajectory,
    agent: agent ? { id: agent.id, name: agent.name, domain: agent.domain, systemPrompt: agent.systemPrompt } : null,
    task,
    tools,
    steps,
    marks: {
      ...stepMarks(doc.messages),
      citations: Object.keys(citations)
        .map(Number)
        .sort((a, b) => a - b),
      annotated: annotatedSteps(annotations),
    },
    citations,
    judgements,
    reviews,
    annotations,
    criteria,
    world: buildWorldView(
      doc.world,
      doc.messages.map((m) => m.worldPatch),
      row.task?.blueprint ?? null,
    ),
  };
}
export type TrajectoryView = NonNullable<Awaited<ReturnType<typeof loadTrajectoryView>>>;
