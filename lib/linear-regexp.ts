import { RE2JS } from "re2js";

// Patterns written by whoever wrote a tool are matched with RE2 (re2js),
// linear in the input: JavaScript's RegExp backtracks, and `^(a+)+$` against
// forty "a"s and a "!" would hold the process for hours.

export class UnsupportedPattern extends Error {}

/** A JSON Schema `pattern` compiled for linear-time matching, or UnsupportedPattern with why. */
export function compileLinear(pattern: string): RE2JS {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^error parsing regexp: /, "") : String(e);
    throw new UnsupportedPattern(`the pattern "${pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern}" cannot be matched in linear time (${why})`);
  }
}
