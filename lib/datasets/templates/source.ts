import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { env } from "../../env";

/** A model's chat template(s) and the special tokens the tokenizer hands to them. */
export type ChatTemplate = {
  /** where it came from: a file name or a model id */
  name: string;
  /** by name; a single template is "default" (tokenizer configs may also have "tool_use", …) */
  templates: Record<string, string>;
  specialTokens: Record<string, string>;
};

export type TemplateSourceErrorCode = "not-found" | "invalid" | "offline" | "unauthorized" | "fetch-failed";

/** A template that cannot be had: no such file or model, a file without a template, or no network. */
export class TemplateSourceError extends Error {
  constructor(
    message: string,
    readonly code: TemplateSourceErrorCode,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

// tokens are strings, or AddedToken objects ({"content": "<s>", …}) in older configs
const token = z
  .union([z.string(), z.looseObject({ content: z.string() }).transform((t) => t.content)])
  .nullish()
  .catch(null);
const tokenizerConfigSchema = z.looseObject({
  chat_template: z.union([z.string(), z.array(z.object({ name: z.string().min(1), template: z.string() })).min(1)]).nullish(),
  bos_token: token,
  eos_token: token,
  unk_token: token,
  pad_token: token,
  sep_token: token,
  cls_token: token,
  mask_token: token,
});

/** Reads a `tokenizer_config.json` value; `separate` is a `chat_template.jinja` shipped beside it (newer models). */
export function fromTokenizerConfig(name: string, config: unknown, separate?: string): ChatTemplate {
  const parsed = tokenizerConfigSchema.safeParse(config);
  if (!parsed.success) throw new TemplateSourceError(`${name}: not a tokenizer config (${parsed.error.issues[0]?.message})`, "invalid");
  const { chat_template: chatTemplate, ...rest } = parsed.data;
  const templates =
    typeof chatTemplate === "string"
      ? { default: chatTemplate }
      : chatTemplate
        ? Object.fromEntries(chatTemplate.map((t) => [t.name, t.template]))
        : separate !== undefined
          ? { default: separate }
          : null;
  if (!templates) throw new TemplateSourceError(`${name} has no chat_template`, "invalid");
  return { name, templates, specialTokens: specialTokensOf(rest) };
}

function specialTokensOf(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(config).filter((e): e is [string, string] => e[0].endsWith("_token") && typeof e[1] === "string"));
}

/**
 * A `tokenizer_config.json`, or a `.jinja` file (the template itself) whose
 * special tokens come from a `tokenizer_config.json` beside it when there is
 * one, as a model's files are laid out.
 */
export async function loadTemplateFile(file: string): Promise<ChatTemplate> {
  const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new TemplateSourceError(e.code === "ENOENT" ? `No such file: ${file}` : `${file}: ${e.message}`, e.code === "ENOENT" ? "not-found" : "invalid", {
      cause: e,
    });
  });
  const template = templateFromText(path.basename(file), text);
  if (file.toLowerCase().endsWith(".json")) return template;
  const beside = await readFile(path.join(path.dirname(file), "tokenizer_config.json"), "utf8").catch(() => null);
  if (beside === null) return template;
  let config: unknown;
  try {
    config = JSON.parse(beside);
  } catch {
    return template;
  }
  const tokens = tokenizerConfigSchema.safeParse(config);
  return tokens.success ? { ...template, specialTokens: specialTokensOf(tokens.data) } : template;
}

/** The template in a file's text: JSON is read as a tokenizer config, anything else as Jinja. */
export function templateFromText(name: string, text: string): ChatTemplate {
  if (!name.toLowerCase().endsWith(".json")) return { name, templates: { default: text }, specialTokens: {} };
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new TemplateSourceError(`${name} is not JSON`, "invalid", { cause: e });
  }
  return fromTokenizerConfig(name, config);
}

export const MODEL_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/** A file path, or a Hugging Face model id (`org/model`) fetched from the hub. */
export async function loadChatTemplate(spec: string): Promise<ChatTemplate> {
  try {
    return await loadTemplateFile(spec);
  } catch (e) {
    if (e instanceof TemplateSourceError && e.code === "not-found" && MODEL_ID.test(spec)) return fetchModelTemplate(spec);
    throw e;
  }
}

const NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH", "ECONNRESET", "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"]);

/** A model's `tokenizer_config.json` (and `chat_template.jinja` when the config has none) from the hub. */
export async function fetchModelTemplate(modelId: string, opts: { endpoint?: string; token?: string } = {}): Promise<ChatTemplate> {
  if (!MODEL_ID.test(modelId)) throw new TemplateSourceError(`"${modelId}" is neither a file nor a model id (org/model)`, "not-found");
  const base = `${(opts.endpoint ?? env.HF_ENDPOINT).replace(/\/+$/, "")}/${modelId}/resolve/main`;
  const config = await fetchText(`${base}/tokenizer_config.json`, modelId, opts.token ?? env.HF_TOKEN);
  if (config === null) throw new TemplateSourceError(`${modelId}: no such model, or it has no tokenizer_config.json`, "not-found");
  let parsed: unknown;
  try {
    parsed = JSON.parse(config);
  } catch (e) {
    throw new TemplateSourceError(`${modelId}: tokenizer_config.json is not JSON`, "invalid", { cause: e });
  }
  const hasTemplate = typeof parsed === "object" && parsed !== null && "chat_template" in parsed;
  const separate = hasTemplate ? undefined : ((await fetchText(`${base}/chat_template.jinja`, modelId, opts.token ?? env.HF_TOKEN)) ?? undefined);
  return fromTokenizerConfig(modelId, parsed, separate);
}

/** The body, or null on 404. */
async function fetchText(url: string, modelId: string, token?: string): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(20_000) });
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if ((code && NETWORK_CODES.has(code)) || (e as Error).name === "TimeoutError") {
      throw new TemplateSourceError(
        `Cannot reach ${new URL(url).origin} to fetch ${modelId}'s chat template (this machine is offline?): give the template as a .jinja file or the model's tokenizer_config.json`,
        "offline",
        { cause: e },
      );
    }
    throw new TemplateSourceError(`${modelId}: ${(e as Error).message}`, "fetch-failed", { cause: e });
  }
  if (res.status === 404) return null;
  if (res.status === 401 || res.status === 403)
    throw new TemplateSourceError(`${modelId} is gated or private: set HF_TOKEN to a token that may read it`, "unauthorized");
  if (!res.ok) throw new TemplateSourceError(`${modelId}: the hub answered ${res.status}`, "fetch-failed");
  return res.text();
}
