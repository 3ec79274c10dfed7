import { createHash } from "node:crypto";
import { FUNCTION_NAME } from "../spec";

const MAX = 64;

/** A short stable suffix so two long names cut to the same prefix stay apart. */
function suffix(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 6);
}

/** Cuts `name` to the function-name limit, keeping it unique to the original. */
export function fitName(name: string, original = name): string {
  if (name.length <= MAX) return name;
  return `${name.slice(0, MAX - 7).replace(/[_-]+$/, "")}_${suffix(original)}`;
}

/**
 * `name` made a legal OpenAI function name (^[a-zA-Z0-9_-]{1,64}$): other
 * characters become "_", accents are stripped, long names are cut. Null when
 * nothing usable is left (a name written only in another script, say).
 */
export function toFunctionName(name: string): string | null {
  const trimmed = name.trim();
  if (FUNCTION_NAME.test(trimmed)) return trimmed;
  const ascii = trimmed.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const cleaned = ascii
    .replace(/[^a-zA-Z0-9_-]+/g, "_")
    .replace(/_{2,}/g, "_")
    .replace(/^[_-]+|[_-]+$/g, "");
  if (!/[a-zA-Z0-9]/.test(cleaned)) return null;
  return fitName(cleaned, trimmed);
}
