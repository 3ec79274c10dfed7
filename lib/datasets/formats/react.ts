import type { Step, TrajectoryDoc } from "../../trajectory/types";
import { argumentsAsValue } from "./arguments";
import { bareFunction } from "./tools";
import type { DatasetFormat } from "./types";

type ReactStep = { thought: string; tool_name: string; tool_args: unknown; observation: string };

const RESPOND = "respond_to_user";

// The ReAct text protocol as DSPy's ReAct keeps its trajectory: numbered
// thought_i / tool_name_i / tool_args_i / observation_i fields, one tool per
// step, ending in the `finish` tool (args {}, observation "Completed."), with
// the final answer beside it. ReAct has no user turns after the question, so
// in an interactive episode a reply to the user becomes a `respond_to_user`
// step whose observation is what the user said next.
export const reactFormat: DatasetFormat = {
  id: "react",
  title: "ReAct text protocol (DSPy)",
  description:
    "One object per line: `question` (the first user message), `system`, `tools`, `trajectory` (DSPy's `thought_i`, `tool_name_i`, `tool_args_i`, `observation_i`, ending in `finish`), `answer`, and `text`: the trajectory rendered as DSPy's `[[ ## field ## ]]` blocks. Later user turns appear as the observation of a `respond_to_user` step.",
  toRecord(doc) {
    const { question, steps, answer } = reactSteps(doc);
    const trajectory: Record<string, unknown> = {};
    steps.forEach((s, i) => {
      trajectory[`thought_${i}`] = s.thought;
      trajectory[`tool_name_${i}`] = s.tool_name;
      trajectory[`tool_args_${i}`] = s.tool_args;
      trajectory[`observation_${i}`] = s.observation;
    });
    return {
      question,
      system: doc.messages.filter((m) => m.role === "system").map((m) => m.content ?? "").join("\n\n"),
      tools: doc.tools.map(bareFunction),
      trajectory,
      answer,
      text: renderFields(trajectory),
    };
  },
};

function reactSteps(doc: TrajectoryDoc): { question: string; steps: ReactStep[]; answer: string } {
  const turns = doc.messages.filter((m) => m.role !== "system");
  const first = turns.findIndex((m) => m.role === "user");
  const question = first >= 0 ? (turns[first].content ?? "") : "";
  const results = new Map(turns.filter((m) => m.role === "tool" && m.toolCallId).map((m) => [m.toolCallId!, m.content ?? ""]));
  const steps: ReactStep[] = [];
  let answer = "";
  let finishThought = "";
  const rest = turns.slice(first + 1);
  rest.forEach((m, i) => {
    if (m.role !== "assistant") return;
    const thought = m.reasoning ?? (m.toolCalls?.length ? (m.content ?? "") : "");
    if (m.toolCalls?.length) {
      m.toolCalls.forEach((c, k) => {
        steps.push({ thought: k === 0 ? thought : "", tool_name: c.name, tool_args: argumentsAsValue(c), observation: results.get(c.id) ?? "" });
      });
      return;
    }
    const nextUser = rest.slice(i + 1).find((n): n is Step => n.role === "user" || n.role === "assistant");
    if (nextUser?.role === "user") {
      steps.push({ thought, tool_name: RESPOND, tool_args: { message: m.content ?? "" }, observation: nextUser.content ?? "" });
    } else {
      answer = m.content ?? "";
      finishThought = thought;
    }
  });
  steps.push({ thought: finishThought, tool_name: "finish", tool_args: {}, observation: "Completed." });
  return { question, steps, answer };
}

function renderFields(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([k, v]) => `[[ ## ${k} ## ]]\n${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("\n\n");
}
