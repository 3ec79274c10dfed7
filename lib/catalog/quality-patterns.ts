import ret, { types, type Token, type Tokens } from "ret";
import { compileLinear, UnsupportedPattern } from "../linear-regexp";

// The regular expressions a tool's schema carries (`pattern`, and the keys of
// `patternProperties`), judged for the catalogue. The studio itself matches
// them with RE2 and cannot hang on them; the rule is for everyone downstream
// of an exported dataset whose validator backtracks.

export type PatternFinding = { code: "pattern_catastrophic" | "pattern_unsupported"; pattern: string; message: string };

const MAX_PATTERNS = 200;
const MAX_DEPTH = 64;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every pattern in a schema, at most 200, found without recursion limits being hit by hostile nesting. */
export function schemaPatterns(schema: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (found.size >= MAX_PATTERNS || depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    if (!isObj(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "pattern" && typeof value === "string") found.add(value);
      else if (key === "patternProperties" && isObj(value)) for (const p of Object.keys(value)) found.add(p);
      // `const`, `default`, `enum` and `examples` hold data, not schemas
      if (key !== "const" && key !== "default" && key !== "enum" && key !== "examples") visit(value, depth + 1);
    }
  };
  visit(schema, 0);
  return [...found].slice(0, MAX_PATTERNS);
}

const unbounded = (t: Token) => t.type === types.REPETITION && t.max === Infinity;

// Deepest nesting of unbounded repeats (`+`, `*`, `{n,}`): two or more, as in
// `(a+)+` or `(\w+\s?)*`, is the shape whose matching a backtracking engine
// does in exponential time. Bounded repeats (`?`, `{1,3}`) do not count, so
// common patterns like `^(\+\d{1,3})?\d{10}$` pass.
function unboundedNesting(node: Tokens | undefined, depth = 0): number {
  if (!node || depth > MAX_DEPTH) return 0;
  const inner: Tokens[] = [];
  if (node.type === types.REPETITION) inner.push(node.value);
  if ((node.type === types.ROOT || node.type === types.GROUP) && node.stack) inner.push(...node.stack);
  if ((node.type === types.ROOT || node.type === types.GROUP) && node.options) for (const option of node.options) inner.push(...option);
  const own = node.type !== types.ROOT && unbounded(node) ? 1 : 0;
  let deepest = 0;
  for (const child of inner) deepest = Math.max(deepest, unboundedNesting(child, depth + 1));
  return own + deepest;
}

/** Whether `pattern` has nested unbounded repeats; false when it cannot be parsed (another check reports that). */
export function isCatastrophic(pattern: string): boolean {
  try {
    return unboundedNesting(ret(pattern)) >= 2;
  } catch {
    return false;
  }
}

export function patternFindings(schema: unknown): PatternFinding[] {
  const findings: PatternFinding[] = [];
  for (const pattern of schemaPatterns(schema)) {
    const shown = `"${pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern}"`;
    try {
      compileLinear(pattern);
    } catch (e) {
      if (!(e instanceof UnsupportedPattern)) throw e;
      findings.push({ code: "pattern_unsupported", pattern, message: `${e.message}: arguments cannot be checked against it` });
      continue;
    }
    if (isCatastrophic(pattern)) {
      findings.push({
        code: "pattern_catastrophic",
        pattern,
        message: `the pattern ${shown} nests repeats, so a backtracking regex engine can take exponential time on one argument (ReDoS)`,
      });
    }
  }
  return findings;
}
