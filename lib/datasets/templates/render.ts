import { Environment, Interpreter, Template } from "@huggingface/jinja";
import type { ChatTemplate } from "./source";

/** What a chat template renders: the conversation and the tool declarations, as `apply_chat_template` takes them. */
export type Chat = { messages: Record<string, unknown>[]; tools?: Record<string, unknown>[] };

/** The template refused the conversation through `raise_exception`; the message is the template's own. */
export class TemplateRaisedError extends Error {}
/** The template failed while rendering (an undefined value, a bad operation); the message is the renderer's. */
export class TemplateRenderError extends Error {}
/** The template text is not Jinja the renderer can read. */
export class TemplateSyntaxError extends Error {}

const parsedCache = new WeakMap<ChatTemplate, Map<string, Template>>();

/**
 * Renders `chat` as transformers' `apply_chat_template(tokenize=False)` does:
 * `messages`, `tools` (absent when the record has none), `add_generation_prompt`,
 * the tokenizer's special tokens, and `raise_exception` / `strftime_now`.
 * A template may hold several named templates: as transformers does, `tool_use`
 * is chosen when there are tools, `default` otherwise.
 */
export function renderChat(template: ChatTemplate, chat: Chat, opts: { addGenerationPrompt?: boolean } = {}): string {
  const tools = chat.tools?.length ? chat.tools : undefined;
  const parsed = parsedTemplate(template, tools && "tool_use" in template.templates ? "tool_use" : "default");
  const env = new Environment();
  // Template.render declares its own `raise_exception`, which throws a plain
  // Error like every other runtime failure; ours tells a template's refusal
  // apart from a template that is broken.
  const globals: Record<string, unknown> = {
    true: true,
    false: false,
    none: null,
    True: true,
    False: false,
    None: null,
    range,
    strftime_now: strftimeNow,
    raise_exception: (message: unknown) => {
      throw new TemplateRaisedError(String(message));
    },
    ...template.specialTokens,
    messages: chat.messages,
    tools,
    add_generation_prompt: opts.addGenerationPrompt ?? false,
  };
  for (const [k, v] of Object.entries(globals)) env.set(k, v);
  try {
    return new Interpreter(env).run(parsed.parsed).value as string;
  } catch (e) {
    if (e instanceof TemplateRaisedError) throw e;
    throw new TemplateRenderError(e instanceof Error ? e.message : String(e), { cause: e });
  }
}

function parsedTemplate(template: ChatTemplate, name: string): Template {
  const text = template.templates[name];
  if (text === undefined) throw new TemplateSyntaxError(`${template.name} has no "${name}" template (it has ${Object.keys(template.templates).join(", ")})`);
  let byName = parsedCache.get(template);
  if (!byName) parsedCache.set(template, (byName = new Map()));
  let parsed = byName.get(name);
  if (!parsed) {
    try {
      parsed = new Template(text);
    } catch (e) {
      throw new TemplateSyntaxError(`${template.name}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    byName.set(name, parsed);
  }
  return parsed;
}

/** Checks that every named template of `template` parses, so a broken file is refused before any record is rendered. */
export function parseAll(template: ChatTemplate): void {
  for (const name of Object.keys(template.templates)) parsedTemplate(template, name);
}

function range(start: number, stop?: number, step = 1): number[] {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new TemplateRenderError("range() step must not be zero");
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

function strftimeNow(format: string): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  const month = (style: "long" | "short") => new Intl.DateTimeFormat("en", { month: style }).format(d);
  return format.replace(
    /%[YmdbBHM%]/g,
    (t) =>
      ({
        "%Y": String(d.getFullYear()),
        "%m": pad(d.getMonth() + 1),
        "%d": pad(d.getDate()),
        "%b": month("short"),
        "%B": month("long"),
        "%H": pad(d.getHours()),
        "%M": pad(d.getMinutes()),
        "%%": "%",
      })[t] ?? t,
  );
}
