import { TASK_TYPE_HEADING, TOOLS_HEADING } from "../../synthesis/task-prompt-format";
import { fillFromJsonSchema } from "./fill";
import type { Rng } from "./rng";
import { tokenize, type FillHints } from "./words";

// The offline model writing a task: like a model that read the request, it
// asks for what the task's tools do (their name words and the first clause of
// their description), so an agent that reads the request can find the right
// tools. A seeded share of drafts stays as vague as the filler around it, so
// some tasks are harder to solve than others.

export const OFFLINE_VAGUE_TASK_RATE = 0.2;

type Record_ = Record<string, unknown>;
const isRecord = (v: unknown): v is Record_ => typeof v === "object" && v !== null && !Array.isArray(v);

/** The "- name: description" lines under the tool heading, in order. */
function listedTools(prompt: string): { name: string; description: string }[] {
  const start = prompt.indexOf(`${TOOLS_HEADING}\n`);
  if (start < 0) return [];
  const block = prompt.slice(start + TOOLS_HEADING.length + 1).split("\n\n")[0];
  return block.split("\n").flatMap((line) => {
    const m = /^- ([^:\s]+): ?(.*)$/.exec(line);
    return m ? [{ name: m[1], description: m[2] }] : [];
  });
}

/** The listed tools the task type's sentence names, in the order it names them. */
function requiredTools(prompt: string): { name: string; description: string }[] {
  const start = prompt.indexOf(TASK_TYPE_HEADING);
  if (start < 0) return [];
  const sentence = prompt.slice(start).split("\n\n")[0];
  const named = (n: string) => sentence.search(new RegExp(`(^|[^\\w-])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`));
  return listedTools(prompt)
    .map((t) => ({ ...t, at: named(t.name) }))
    .filter((t) => t.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ name, description }) => ({ name, description }));
}

function firstClause(text: string): string {
  return (text.split(/[.;\n]/)[0] ?? "")
    .trim()
    .slice(0, 160)
    .replace(/^[A-Z]/, (c) => c.toLowerCase());
}

export function taskDraftReply(prompt: string, schema: unknown, rng: Rng, hints: FillHints): string | null {
  const draft = fillFromJsonSchema(schema, rng, hints);
  const tools = requiredTools(prompt);
  if (!isRecord(draft) || tools.length === 0 || rng.chance(OFFLINE_VAGUE_TASK_RATE)) return null;
  const asks = tools.map((t) => `${tokenize(t.name).join(" ")} (${firstClause(t.description) || "as it is described"})`);
  const request = asks.join(", and then ");
  draft.goal = `Get this done: ${request}.`;
  draft.instruction = `Hello, could you help me with ${request}?`;
  return JSON.stringify(draft);
}
