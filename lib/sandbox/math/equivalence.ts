import { evaluate, ExpressionError, parseExpression, variables, type Expr } from "./expression";
import { extractFinalAnswer, normalizeAnswer, splitParts } from "./normalize";

// Two answers are equivalent when they are the same text, the same number
// within a tolerance, or the same expression: equal at random points for
// every variable they use (a standard probabilistic identity test).

export type AnswerCheck = { equivalent: boolean; detail?: string; expected: string; given: string };

const REL_TOLERANCE = 1e-6;
const ABS_TOLERANCE = 1e-9;
const POINTS = 12;

export function closeEnough(a: number, b: number, rel = REL_TOLERANCE): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= Math.max(ABS_TOLERANCE, rel * Math.max(Math.abs(a), Math.abs(b)));
}

const textForm = (s: string) =>
  s
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[.。]$/, "")
    .trim();

// Answers with words in them ("Paris", "no solution") are compared as text.
function looksMathematical(s: string): boolean {
  const words = s.match(/[A-Za-z]{3,}/g) ?? [];
  const known = /^(sqrt|cbrt|abs|exp|ln|log|log10|log2|sin|cos|tan|asin|acos|atan|arcsin|arccos|arctan|floor|ceil|pi|tau|inf|infinity)$/i;
  return words.every((w) => known.test(w));
}

function tryParse(s: string): Expr | null {
  if (!looksMathematical(s)) return null;
  try {
    return parseExpression(s);
  } catch (e) {
    if (e instanceof ExpressionError) return null;
    throw e;
  }
}

function sameExpression(a: Expr, b: Expr, rel?: number): boolean {
  const names = [...new Set([...variables(a), ...variables(b)])];
  if (names.length === 0) return closeEnough(evaluate(a), evaluate(b), rel);
  let compared = 0;
  for (let k = 1; k <= POINTS * 3 && compared < POINTS; k++) {
    // a low-discrepancy sequence (golden ratio, √2 steps): spread out and reproducible
    const point = Object.fromEntries(names.map((n, j) => [n, 0.5 + ((k * 0.6180339887 + j * 0.4142135624) % 1) * 2.5]));
    const [va, vb] = [evaluate(a, point), evaluate(b, point)];
    if (!Number.isFinite(va) && !Number.isFinite(vb)) continue; // outside both domains
    if (!closeEnough(va, vb, rel)) return false;
    compared++;
  }
  return compared > 0;
}

function partsEquivalent(expected: string, given: string, rel?: number): boolean {
  if (textForm(expected) === textForm(given)) return true;
  const [a, b] = [tryParse(expected), tryParse(given)];
  return a !== null && b !== null && sameExpression(a, b, rel);
}

/** Whether `given` states the same answer as `expected`; `given` may be a whole reply. */
export function checkAnswer(input: { expected: string; given: string; relTolerance?: number }): AnswerCheck {
  const expected = normalizeAnswer(String(input.expected));
  const candidates = [...new Set([normalizeAnswer(input.given), normalizeAnswer(extractFinalAnswer(input.given))])];
  for (const given of candidates) {
    if (partsEquivalent(expected, given, input.relTolerance)) return { equivalent: true, expected, given };
    // several values (roots, coordinates): the same values in any order
    const [want, got] = [splitParts(expected), splitParts(given)];
    if (want.length > 1 && want.length === got.length) {
      const left = [...got];
      const all = want.every((w) => {
        const i = left.findIndex((g) => partsEquivalent(w, g, input.relTolerance));
        return i >= 0 && left.splice(i, 1).length === 1;
      });
      if (all) return { equivalent: true, expected, given };
    }
  }
  const given = candidates.at(-1)!;
  return { equivalent: false, expected, given, detail: `expected ${expected}, got ${given}` };
}
