import type { ChatMessage, ToolDefinition } from "../types";
import { answerFrom, directAnswer, topicOf, type Observation } from "./answer";
import { fillFromJsonSchema } from "./fill";
import { idsIn, withGivenIds } from "./ids";
import { valuesIn, withGivenValues } from "./given-values";
import { nextTools } from "./next-tools";
import type { Rng } from "./rng";
import { hintsFromText } from "./words";

// The ReAct text protocol as DSPy writes it and lib/simulation/react.ts
// renders it: the tools come as a numbered list in the system prompt, each
// turn is written as next_thought / next_tool_name / next_tool_args fields,
// observations come back as user messages, and the `finish` tool carries the
// final answer. The offline agent plays it with the same plan as native tool
// calling (next-tools.ts), one tool per turn.

const FINISH = "finish";
const NAME_FIELD = "[[ ## next_tool_name ## ]]";
const TOOL_LINE = /^\(\d+\) (.+?), whose description is <desc>([\s\S]*?)<\/desc>\. It takes arguments (\{.*\})\.$/gm;
const NAME_IN_STEP = /\[\[ ## next_tool_name ## \]\][ \t]*\r?\n\s*([^\r\n]+)/g;
const OBSERVATION = /^\s*\[\[ ## observation ## \]\][ \t]*\r?\n?/;
const ERROR_NOTE = /^\s*\[\[ ## error ## \]\]/;
const PREAMBLE = /^You are an Agent\b/m;

export type ReactPrompt = {
  tools: ToolDefinition[];
  /** the system prompt without the protocol's instructions: the agent's own words */
  context: string;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function argumentsSchema(json: string): Record<string, unknown> {
  let properties: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (isRecord(parsed)) properties = parsed;
  } catch {
    // an unreadable argument list: the tool is called with {}
  }
  // The list shows properties only, not which are required: fill them all.
  return { type: "object", properties, required: Object.keys(properties) };
}

/** The tools and context of ReAct instructions in the system prompt; null when the request is not ReAct. */
export function readReactPrompt(messages: ChatMessage[]): ReactPrompt | null {
  const system = messages
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  if (!system.includes(NAME_FIELD)) return null;
  const tools: ToolDefinition[] = [];
  let listStart = -1;
  for (const m of system.matchAll(TOOL_LINE)) {
    if (listStart < 0) listStart = m.index;
    const name = m[1].trim();
    if (name !== FINISH) tools.push({ name, description: m[2].trim(), parameters: argumentsSchema(m[3]) });
  }
  if (listStart < 0) return null;
  const preamble = system.search(PREAMBLE);
  return { tools, context: system.slice(0, preamble >= 0 && preamble < listStart ? preamble : listStart).trim() };
}

type Request = { userTexts: string[]; called: Set<string>; observations: Observation[] };

/** The latest request: what the user said (latest first), and the tools called and observed since their last message. */
function readRequest(messages: ChatMessage[]): Request {
  const userTexts: string[] = [];
  let called = new Set<string>();
  let observations: Observation[] = [];
  let awaiting: string[] = [];
  for (const m of messages) {
    if (m.role === "assistant") {
      const names = [...(m.content ?? "").matchAll(NAME_IN_STEP)].map((x) => x[1].trim().replace(/^[`*'"]+|[`*'".,;:]+$/g, ""));
      for (const name of names.filter((n) => n !== FINISH)) {
        called.add(name);
        awaiting.push(name);
      }
    } else if (m.role === "user") {
      if (OBSERVATION.test(m.content)) observations.push({ tool: awaiting.shift() ?? null, content: m.content.replace(OBSERVATION, "") });
      else if (!ERROR_NOTE.test(m.content)) {
        userTexts.unshift(m.content);
        called = new Set();
        observations = [];
        awaiting = [];
      }
    }
  }
  return { userTexts, called, observations };
}

export function renderStep(thought: string, toolName: string, args: unknown): string {
  return [
    `[[ ## next_thought ## ]]`,
    thought,
    ``,
    NAME_FIELD,
    toolName,
    ``,
    `[[ ## next_tool_args ## ]]`,
    JSON.stringify(args),
    ``,
    `[[ ## completed ## ]]`,
  ].join("\n");
}

function firstSentence(text: string): string {
  const s = text
    .split(/(?<=[.!?])\s/)[0]
    .replace(/[.!?]+$/, "")
    .trim();
  const short = s.length > 100 ? `${s.slice(0, 100)}…` : s;
  return short.charAt(0).toLowerCase() + short.slice(1);
}

const listed = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "the tools"));

/**
 * The agent's next ReAct step: the next relevant tool with arguments filled
 * from its schema, or `finish` with an answer built from the observations.
 * `known` (native definitions, when the request carries them) give the full
 * schemas of the listed tools.
 */
export function reactReply(prompt: ReactPrompt, messages: ChatMessage[], rng: Rng, known: ToolDefinition[] = []): string {
  const request = readRequest(messages);
  const tools = prompt.tools.map((t) => known.find((k) => k.name === t.name) ?? t);
  const hints = hintsFromText(...request.userTexts, prompt.context);
  const topic = topicOf(hints);
  const done = [...request.called];
  const [tool] = nextTools(tools, { conversation: request.userTexts.join("\n"), called: request.called, reply: request.userTexts.length > 1 }, 1);
  if (tool) {
    const purpose = firstSentence(tool.description) || tool.name;
    const thought = done.length
      ? rng.pick([`I have the results of ${listed(done)}. The request also needs ${tool.name} (${purpose}).`, `Next I need ${tool.name}: ${purpose}.`])
      : rng.pick([
          `The user asks about ${topic}. ${tool.name} fits best (${purpose}), so I will start with it.`,
          `To help with ${topic} I first need ${tool.name}: ${purpose}.`,
        ]);
    return renderStep(
      thought,
      tool.name,
      withGivenValues(withGivenIds(fillFromJsonSchema(tool.parameters, rng, hints), idsIn(request.userTexts)), valuesIn(request.userTexts), tool.parameters),
    );
  }
  if (request.observations.length) {
    const thought = rng.pick([`The results of ${listed(done)} are enough to answer.`, `I have what I need from ${listed(done)}; time to answer.`]);
    return renderStep(thought, FINISH, { answer: answerFrom(request.observations) });
  }
  return renderStep(`No tool fits ${topic}, so I will answer directly.`, FINISH, { answer: directAnswer(rng, hints) });
}
