import { renderChat, type Chat } from "./render";
import type { ChatTemplate } from "./source";

export type Segment = { text: string; trained: boolean };
export type RenderedChat = {
  text: string;
  /** the text cut into runs, `trained` where an assistant turn is (what a trainer computes its loss on) */
  segments: Segment[];
  /** indexes of assistant messages whose span could not be told apart in the text */
  unlocated: number[];
};

/**
 * Renders a conversation and finds the text of each assistant turn in it.
 *
 * How spans are found: for assistant message i, the conversation before it is
 * rendered with the generation prompt, and again through message i; what the
 * second adds past their common prefix is the turn's own text (its content,
 * calls and end token), which is then found in the full rendering, searching
 * forward from the previous turn and from where the prompt stops agreeing
 * with it. This diff of growing prefixes is what trainers' completion masks
 * rest on, and it needs nothing from the template: `{% generation %}` blocks
 * (transformers' assistant masks, TRL's assistant-only loss) are in few public
 * templates and are dropped by the Jinja renderer, and marker strings put into
 * the content would change what templates that inspect or escape content
 * render. A template whose turn renders differently later in the conversation
 * leaves that turn unlocated rather than highlighted wrongly.
 */
export function renderWithTrainedSpans(template: ChatTemplate, chat: Chat): RenderedChat {
  const text = renderChat(template, chat);
  const spans: [number, number][] = [];
  const unlocated: number[] = [];
  let cursor = 0;
  chat.messages.forEach((m, i) => {
    if (m.role !== "assistant") return;
    const span = locateTurn(template, chat, i, text, cursor);
    if (!span) return void unlocated.push(i);
    spans.push(span);
    cursor = span[1];
  });
  return { text, segments: cut(text, spans), unlocated };
}

function locateTurn(template: ChatTemplate, chat: Chat, i: number, full: string, cursor: number): [number, number] | null {
  let prompt: string;
  let through: string;
  try {
    prompt = renderChat(template, { ...chat, messages: chat.messages.slice(0, i) }, { addGenerationPrompt: true });
    through = renderChat(template, { ...chat, messages: chat.messages.slice(0, i + 1) });
  } catch {
    // the template refuses a conversation cut there (it may demand an ending): the turn stays unlocated
    return null;
  }
  const own = through.slice(commonPrefix(prompt, through));
  if (!own) return null;
  const at = full.indexOf(own, Math.max(cursor, commonPrefix(prompt, full)));
  return at < 0 ? null : [at, at + own.length];
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function cut(text: string, spans: [number, number][]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start > at) out.push({ text: text.slice(at, start), trained: false });
    out.push({ text: text.slice(start, end), trained: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), trained: false });
  return out;
}
