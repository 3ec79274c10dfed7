import { FINISH_TOOL, finishTool } from "../../simulation/react";
import type { Step, TrajectoryDoc } from "../../trajectory/types";
import { exportArguments } from "./arguments";
import { withJsonText } from "./record-line";
import { bareFunction, declaredTools } from "./tools";
import type { Adjustment, DatasetFormat } from "./types";
import { validateReactRecord, type ReactRecord } from "./validate";

type ReactStep = { thought: string; tool_name: string; tool_args: unknown; args_text: string; observation: string | null };

// The ReAct text protocol as DSPy's ReAct keeps its trajectory: numbered
// thought_i / tool_name_i / tool_args_i / observation_i fields, one tool per
// step. As in the studio's interactive ReAct, every reply to the user is a
// `finish` step whose `answer` is the reply and whose observation is what the
// user said next; the last one's observation is "Completed.". `finish` is
// declared in `tools`.
export const reactFormat: DatasetFormat = {
  id: "react",
  title: "ReAct text protocol (DSPy)",
  description:
    "One object per line: `question` (the user's opening message; empty when the agent speaks first), `system`, `tools` (with `finish`), `trajectory` (DSPy's `thought_i`, `tool_name_i`, `tool_args_i`, `observation_i`; each reply to the user is a `finish` step with the reply as `answer` and the user's next message as its observation, the last one ending the record), `answer` (the last reply), and `text`: the trajectory rendered as DSPy's `[[ ## field ## ]]` blocks with the arguments as the model wrote them.",
  trainingRule: "The ReAct format has no per-turn weight: a record with a call whose arguments are not one JSON object is refused, not written.",
  toRecord(doc, note) {
    const { question, steps } = reactSteps(doc, note);
    const trajectory: Record<string, unknown> = {};
    const text: string[] = [];
    steps.forEach((s, i) => {
      trajectory[`thought_${i}`] = s.thought;
      trajectory[`tool_name_${i}`] = s.tool_name;
      trajectory[`tool_args_${i}`] = s.tool_args;
      trajectory[`observation_${i}`] = s.observation;
      text.push(
        block(`thought_${i}`, s.thought),
        block(`tool_name_${i}`, s.tool_name),
        block(`tool_args_${i}`, s.args_text),
        block(`observation_${i}`, s.observation ?? ""),
      );
    });
    const last = steps[steps.length - 1];
    const record: ReactRecord = {
      question,
      system: doc.messages
        .filter((m) => m.role === "system")
        .map((m) => m.content ?? "")
        .join("\n\n"),
      tools: [...declaredTools(doc.tools).filter((t) => t.name !== FINISH_TOOL), finishTool(true)].map(bareFunction),
      trajectory,
      answer: last?.tool_name === FINISH_TOOL ? (last.tool_args as { answer: string }).answer : "",
      text: text.join("\n\n"),
    };
    return record;
  },
  validate: validateReactRecord,
};

function reactSteps(doc: TrajectoryDoc, note?: (a: Adjustment) => void): { question: string; steps: ReactStep[] } {
  const turns = doc.messages.filter((m) => m.role !== "system");
  const results = new Map(turns.filter((m) => m.role === "tool" && m.toolCallId).map((m) => [m.toolCallId!, m.content ?? ""]));
  const steps: ReactStep[] = [];
  let question = "";
  let asked = false;
  let prev: Step | null = null;
  for (const m of turns) {
    if (m.role === "assistant" && m.toolCalls?.length) {
      m.toolCalls.forEach((c, k) => {
        const args = exportArguments(c);
        const thought = k === 0 ? (m.content ?? m.reasoning ?? "") : "";
        steps.push({
          thought,
          tool_name: c.name,
          tool_args: withJsonText(args.value, args.lineText),
          args_text: args.text,
          observation: results.get(c.id) ?? null,
        });
        if (args.lineText !== null && args.lineText !== args.text) note?.("arguments_on_one_line");
      });
    } else if (m.role === "assistant") {
      const answer = m.content ?? "";
      steps.push({
        thought: m.reasoning ?? "",
        tool_name: FINISH_TOOL,
        tool_args: { answer },
        args_text: JSON.stringify({ answer }),
        observation: "Completed.",
      });
    } else if (m.role === "user") {
      const content = m.content ?? "";
      const last = steps[steps.length - 1];
      if (!steps.length && !asked) question = content;
      else if (!steps.length) {
        question = `${question}\n\n${content}`;
        note?.("user_turn_joined");
      } else if (prev?.role === "assistant" && !prev.toolCalls?.length) last.observation = content;
      else {
        last.observation = `${last.observation ?? ""}\n\n${content}`;
        note?.("user_turn_joined");
      }
      asked = true;
    }
    prev = m;
  }
  return { question, steps };
}

function block(field: string, value: string): string {
  return `[[ ## ${field} ## ]]\n${value}`;
}
