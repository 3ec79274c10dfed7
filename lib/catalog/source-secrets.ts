import type { Prisma } from "../db/client";

// Values in a source's settings that may be secrets: header and env values,
// URL passwords and query parameters, and command-line options with a
// secret-sounding name. They are stored as given (the server needs them) and
// shown only to admins; everyone else sees them masked.

export const MASK = "••••••";
const SECRET_NAME = /pass(word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|auth|credential|signature|^sig$|^key$|session|cookie/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function maskUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  if (url.password) url.password = MASK;
  for (const name of [...new Set(url.searchParams.keys())]) if (isSecretName(name)) url.searchParams.set(name, MASK);
  return url.toString();
}

/** `--password=x` and `--password x` (and `-p`-less forms like `--api-key x`) keep the option and lose the value. */
export function maskArgs(args: string[]): string[] {
  return args.map((arg, i) => {
    const inline = /^(--?[\w.-]+)=(.*)$/s.exec(arg);
    if (inline) return isSecretName(inline[1]) ? `${inline[1]}=${MASK}` : /^https?:\/\//.test(inline[2]) ? `${inline[1]}=${maskUrl(inline[2])}` : arg;
    const previous = args[i - 1];
    if (previous !== undefined && /^--?[\w.-]+$/.test(previous) && isSecretName(previous)) return MASK;
    return /^https?:\/\//.test(arg) ? maskUrl(arg) : arg;
  });
}

const maskValues = (record: unknown) => Object.fromEntries(Object.keys((record ?? {}) as object).map((k) => [k, MASK]));

/** A source's settings as someone who is not an admin may see them. */
export function maskedConfig(config: Prisma.JsonValue): Prisma.JsonValue {
  if (!config || typeof config !== "object" || Array.isArray(config)) return config;
  const c = config as Record<string, unknown>;
  const masked: Record<string, unknown> = { ...c };
  if (typeof c.url === "string") masked.url = maskUrl(c.url);
  if (Array.isArray(c.args)) masked.args = maskArgs(c.args.map(String));
  if (c.headers) masked.headers = maskValues(c.headers);
  if (c.env) masked.env = maskValues(c.env);
  return masked as Prisma.JsonValue;
}

/**
 * Settings sent back by an edit form that was shown `maskedConfig(stored)`
 * (secrets never reach the browser): a value still shown masked means "keep
 * what is stored", so it is replaced by the stored value.
 */
export function unmaskConfig(edited: unknown, stored: Prisma.JsonValue): unknown {
  if (!edited || typeof edited !== "object" || Array.isArray(edited) || !stored || typeof stored !== "object" || Array.isArray(stored)) return edited;
  const e = { ...(edited as Record<string, unknown>) };
  const s = stored as Record<string, unknown>;
  if (typeof e.url === "string" && typeof s.url === "string" && e.url === maskUrl(s.url)) e.url = s.url;
  if (Array.isArray(e.args) && Array.isArray(s.args)) {
    const storedArgs = s.args.map(String);
    const shown = maskArgs(storedArgs);
    e.args = e.args.map((arg, i) => (arg === shown[i] && i < storedArgs.length ? storedArgs[i] : arg));
  }
  for (const field of ["env", "headers"] as const) {
    const values = e[field];
    const kept = s[field];
    if (!values || typeof values !== "object" || !kept || typeof kept !== "object") continue;
    e[field] = Object.fromEntries(
      Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, v === MASK && k in kept ? (kept as Record<string, unknown>)[k] : v]),
    );
  }
  return e;
}
