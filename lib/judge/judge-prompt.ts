import type { TrajectoryDoc } from "../trajectory/types";
import type { JudgeMessage } from "./gateway";
import type { Criterion } from "./rubric-criteria";

/** Bump whenever the wording below changes: judgements made with different prompts are not comparable. */
export const PROMPT_VERSION = "rubric-judge/1";

export type JudgeScale = "1-5" | "0-1";

/** What the judge is told about the task (the hidden goal included: it judges whether the agent met it). */
export type JudgeTaskView = {
  goal: string;
  instruction: string;
  mode: string;
  difficulty: string;
  criteria: Criterion[];
};

const SCALE_TEXT: Record<JudgeScale, string> = {
  "1-5": "an integer from 1 (not met at all) to 5 (fully met)",
  "0-1": "a number from 0 (not met at all) to 1 (fully met)",
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

/** One line per step, numbered as the viewer numbers them, so cited step indices point at the right place. */
export function renderTranscript(doc: TrajectoryDoc, maxCharsPerStep: number): string {
  return doc.messages
    .map((m, i) => {
      const parts: string[] = [];
      if (m.content) parts.push(clip(m.content, maxCharsPerStep));
      for (const c of m.toolCalls ?? []) {
        const args = c.argumentsError ? `${c.rawArguments ?? ""} (unparseable: ${c.argumentsError})` : JSON.stringify(c.arguments);
        parts.push(`→ call ${c.name} ${clip(args, maxCharsPerStep)} [id ${c.id}]`);
      }
      const who = m.role === "tool" ? `tool ${m.toolName ?? "?"}${m.toolCallId ? ` (for ${m.toolCallId})` : ""}${m.isError ? " ERROR" : ""}` : m.role;
      return `[${i}] ${who}: ${parts.join("\n    ") || "(empty)"}`;
    })
    .join("\n");
}

export function buildJudgePrompt(task: JudgeTaskView, doc: TrajectoryDoc, scale: JudgeScale, maxCharsPerStep: number): JudgeMessage[] {
  const system = [
    "You are a strict evaluator of tool-using AI agents. You read one episode between a user, an agent and its tools,",
    "and decide whether the agent met each criterion of the task's rubric.",
    "Judge only from the transcript: a claim the agent makes without a tool result to support it does not count.",
    `For each criterion give its id exactly as listed, a score that is ${SCALE_TEXT[scale]},`,
    "a justification of one or two sentences, and the indices of the steps (the numbers in square brackets) the justification relies on.",
    'Then give an overall verdict, "pass" only if the episode would make a good training example of the task done right, and your confidence from 0 to 1.',
  ].join(" ");
  const tools = doc.tools.map((t) => `- ${t.name}${t.role === "distractor" ? " (not relevant to this agent's purpose)" : ""}: ${clip(t.description, 200)}`);
  const user = [
    `## Task (${task.mode}, ${task.difficulty})`,
    `User's goal: ${task.goal}`,
    task.instruction ? `Instruction: ${task.instruction}` : "",
    "## Rubric",
    ...task.criteria.map((c) => `- id "${c.id}" (weight ${c.weight}): ${c.text}`),
    "## Tools available to the agent",
    ...(tools.length ? tools : ["(none)"]),
    "## Episode",
    renderTranscript(doc, maxCharsPerStep),
  ]
    .filter(Boolean)
    .join("\n");
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}
