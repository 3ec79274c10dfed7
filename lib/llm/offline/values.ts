import { stringForPattern } from "./pattern";
import type { Rng } from "./rng";
import type { FillHints } from "./words";
import { tokenize } from "./words";
import { compileLinear } from "../../linear-regexp";

// Leaf values (strings and numbers) for the schema filler, shaped by the
// property's name, its format and the words of the prompt.

type Schema = Record<string, unknown>;

const FALLBACK_WORDS = ["record", "item", "report", "summary", "service", "account", "order", "request", "project", "update", "status", "detail"];
const CONNECTORS = ["and", "for", "with", "of", "to", "in", "about"];
const LONG_TEXT =
  /description|summary|text|content|message|reason|explanation|goal|prompt|instruction|question|answer|comment|feedback|persona|rubric|note|body|rationale|criteria|criterion|details|task|scenario|context|response|thought|plan|story|bio/;

function word(rng: Rng, hints: FillHints): string {
  return hints.words.length ? rng.pickEarly(hints.words) : rng.pick(FALLBACK_WORDS);
}

/** `n` words, distinct while the hints last, then padded from a neutral vocabulary. */
function wordsOf(rng: Rng, hints: FillHints, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n * 3 && out.length < n; i++) {
    const w = word(rng, hints);
    if (!out.includes(w)) out.push(w);
  }
  for (let i = 0; out.length < n; i++) {
    const w = rng.pick(FALLBACK_WORDS);
    if (!out.includes(w) || i > n * 3) out.push(w);
  }
  return out;
}

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const ascii = (w: string) => w.replace(/[^a-z0-9]/gi, "").toLowerCase() || "item";

export function sentence(rng: Rng, hints: FillHints, min = 6, max = 14): string {
  // Few hint words make a short sentence rather than one that repeats itself.
  const parts = wordsOf(rng, hints, Math.min(rng.int(min, max), Math.max(min, hints.words.length + 3)));
  const out: string[] = [];
  parts.forEach((w, i) => {
    out.push(w);
    if (i < parts.length - 1 && i % 3 === 2) out.push(rng.pick(CONNECTORS));
  });
  return `${capitalize(out.join(" "))}.`;
}

function pad2(n: number) {
  return String(n).padStart(2, "0");
}

function date(rng: Rng): string {
  return `${rng.int(2023, 2026)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
}

function time(rng: Rng): string {
  return `${pad2(rng.int(7, 20))}:${pad2(rng.pick([0, 15, 30, 45]))}:00`;
}

function uuid(rng: Rng): string {
  const h = rng.hex(32).split("");
  h[12] = "4";
  h[16] = "89ab"[rng.int(0, 3)];
  const s = h.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Candidates for a string format, the most standard first (a pattern may pick a later one). */
function formatted(format: string, rng: Rng, hints: FillHints): string[] | null {
  const [a, b] = wordsOf(rng, hints, 2).map(ascii);
  switch (format) {
    case "email":
    case "idn-email":
      return [`${a}.${b}@example.com`];
    case "uri":
    case "url":
    case "iri":
    case "uri-reference":
    case "iri-reference":
      return [`https://example.com/${a}/${b}`];
    case "hostname":
    case "idn-hostname":
      return [`${a}.example.com`];
    case "date":
      return [date(rng)];
    case "date-time":
      return [`${date(rng)}T${time(rng)}Z`, `${date(rng)}T${time(rng)}.000Z`];
    case "time":
      return [`${time(rng)}Z`, time(rng)];
    case "duration":
      return [rng.pick(["P1D", "PT30M", "PT2H", "P1W"])];
    case "uuid":
      return [uuid(rng)];
    case "ipv4":
      return [`192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`];
    case "ipv6":
      return [`2001:db8::${rng.hex(4)}`];
    case "byte":
    case "base64":
      return [Buffer.from(a).toString("base64")];
    case "regex":
      return ["^[a-z]+$"];
    case "json-pointer":
      return [`/${a}/${b}`];
    default:
      return null;
  }
}

/**
 * Candidates from the property's name: "email" looks like an email even when
 * no format says so. `key` is "parent.name": the parent tells a tool
 * parameter's name from a person's name.
 */
function byName(key: string, rng: Rng, hints: FillHints): string[] {
  const [parent, own] = key.includes(".") ? [key.slice(0, key.lastIndexOf(".")), key.slice(key.lastIndexOf(".") + 1)] : ["", key];
  const k = tokenize(own);
  const context = tokenize(parent);
  const has = (...names: string[]) => names.some((n) => k.includes(n));
  const identifierContext = [
    "tool",
    "tools",
    "function",
    "functions",
    "parameter",
    "parameters",
    "param",
    "params",
    "argument",
    "arguments",
    "field",
    "fields",
    "property",
    "properties",
    "column",
    "columns",
    "attribute",
    "attributes",
  ].some((n) => context.includes(n));
  const slug = wordsOf(rng, hints, 2).map(ascii).join("-");
  if (has("email")) return formatted("email", rng, hints)!;
  if (has("url", "uri", "link", "website", "homepage", "href")) return formatted("uri", rng, hints)!;
  if (k.at(-1) === "id" || has("slug", "key", "handle", "username")) return [`${slug}-${rng.int(100, 999)}`];
  if (has("date", "day", "deadline", "birthday")) return [date(rng)];
  if (has("time")) return [time(rng)];
  if (has("phone")) return [`+1-555-01${rng.int(10, 99)}`];
  if (has("currency")) return [rng.pick(["USD", "EUR", "GBP", "JPY"])];
  if (has("language", "locale", "lang")) return [rng.pick(["en", "fr", "de", "es"])];
  if (has("color", "colour")) return [rng.pick(["red", "green", "blue", "black"])];
  if (has("path", "file", "filename", "directory", "folder")) return [`/data/${slug}.txt`];
  if (has("city", "location", "country", "place", "destination", "origin", "region", "address")) {
    return [hints.properNouns.length ? rng.pickEarly(hints.properNouns) : capitalize(word(rng, hints))];
  }
  if (has("name") && ((k.length > 1 && has("tool", "function")) || identifierContext)) return [wordsOf(rng, hints, 2).map(ascii).join("_")];
  if (has("name", "title", "label", "topic", "subject", "category", "author", "owner", "person")) {
    if (has("name") && hints.properNouns.length && rng.chance(0.5)) return [rng.pickEarly(hints.properNouns)];
    return [wordsOf(rng, hints, rng.int(1, 3)).map(capitalize).join(" ")];
  }
  if (has("query", "keyword", "keywords", "search", "term", "terms", "q")) return [wordsOf(rng, hints, rng.int(1, 3)).join(" ")];
  if (LONG_TEXT.test(own.toLowerCase())) return [sentence(rng, hints)];
  return [wordsOf(rng, hints, rng.int(1, 3)).join(" ")];
}

/** A tool's pattern, matched by RE2 so no pattern can backtrack; null when there is none or RE2 cannot run it. */
function regex(pattern: unknown): { test(s: string): boolean } | null {
  if (typeof pattern !== "string") return null;
  try {
    return compileLinear(pattern);
  } catch {
    return null;
  }
}

function fitLength(value: string, s: Schema, rng: Rng, hints: FillHints): string {
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
  let out = value;
  while (out.length < min) out += ` ${word(rng, hints)}`;
  if (out.length > max) out = out.slice(0, max).trimEnd();
  while (out.length < min) out += "x";
  return out;
}

export function stringValue(s: Schema, key: string, rng: Rng, hints: FillHints): string {
  const fromFormat = typeof s.format === "string" ? formatted(s.format, rng, hints) : null;
  const candidates = fromFormat ?? byName(key, rng, hints);
  const pattern = regex(s.pattern);
  if (pattern) {
    const w = ascii(word(rng, hints));
    candidates.push(w, capitalize(w), w.toUpperCase(), wordsOf(rng, hints, 2).map(ascii).join("_"), wordsOf(rng, hints, 2).map(ascii).join("-"));
    candidates.push(
      w.slice(0, 3).toUpperCase(),
      w.slice(0, 3),
      String(rng.int(10000, 99999)),
      `${w}${rng.int(1, 99)}`,
      `${w.toUpperCase().slice(0, 3)}-${rng.int(100, 999)}`,
    );
  }
  const fitted = candidates.map((c) => fitLength(c, s, rng, hints));
  if (!pattern) return fitted[0];
  const matching = fitted.find((c) => pattern.test(c));
  if (matching !== undefined) return matching;
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
  return stringForPattern(s.pattern as string, rng, (c) => c.length >= min && c.length <= max) ?? fitted[0];
}

const finite = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** A preferred window for numbers by the property's name, used when the schema leaves room. */
function preferredRange(key: string): [number, number] {
  const k = tokenize(key.slice(key.lastIndexOf(".") + 1));
  const has = (...names: string[]) => names.some((n) => k.includes(n));
  if (has("year")) return [2000, 2030];
  if (has("age")) return [18, 80];
  if (has("lat", "latitude")) return [-90, 90];
  if (has("lon", "lng", "longitude")) return [-180, 180];
  if (has("count", "limit", "max", "min", "num", "number", "quantity", "size", "page", "top", "days", "nights", "guests", "people", "adults", "rooms"))
    return [1, 10];
  if (has("price", "amount", "cost", "total", "budget", "salary")) return [5, 500];
  if (has("score", "rating")) return [1, 5];
  if (has("percent", "percentage")) return [0, 100];
  if (has("probability", "confidence", "ratio", "weight")) return [0, 1];
  return [1, 100];
}

function decimals(n: number): number {
  const s = String(n);
  return s.includes(".") ? s.length - s.indexOf(".") - 1 : 0;
}

export function numberValue(s: Schema, key: string, integer: boolean, rng: Rng): number {
  let lo = finite(s.minimum) ?? -Infinity;
  let hi = finite(s.maximum) ?? Infinity;
  const exMin = finite(s.exclusiveMinimum);
  const exMax = finite(s.exclusiveMaximum);
  const step = integer ? 1 : 1e-6;
  if (exMin !== undefined) lo = Math.max(lo, integer ? Math.floor(exMin) + 1 : exMin + step);
  if (exMax !== undefined) hi = Math.min(hi, integer ? Math.ceil(exMax) - 1 : exMax - step);
  if (integer) [lo, hi] = [Math.ceil(lo), Math.floor(hi)];
  const [plo, phi] = preferredRange(key);
  let a = Math.max(lo, plo);
  let b = Math.min(hi, phi);
  if (a > b) {
    if (Number.isFinite(lo) && Number.isFinite(hi)) [a, b] = [lo, hi];
    else if (Number.isFinite(lo)) [a, b] = [lo, lo + (phi - plo)];
    else [a, b] = [hi - (phi - plo), hi];
  }
  let value = integer ? rng.int(a, b) : Math.round((a + rng.next() * (b - a)) * 100) / 100;
  if (value < lo || value > hi) value = integer ? a : a + (b - a) / 2;
  const multipleOf = finite(s.multipleOf);
  if (multipleOf && multipleOf > 0) {
    let k = Math.round(value / multipleOf);
    if (k * multipleOf < lo) k++;
    if (k * multipleOf > hi) k--;
    value = Number((k * multipleOf).toFixed(decimals(multipleOf)));
  }
  return value;
}

export function plainWord(rng: Rng, hints: FillHints): string {
  return word(rng, hints);
}
