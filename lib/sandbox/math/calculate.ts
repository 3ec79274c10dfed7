import { evaluate, ExpressionError, parseExpression } from "./expression";
import { normalizeAnswer } from "./normalize";

/** The math environment's calculator tool: a value, or an error meant for the agent. */
export function calculate(expression: string): { ok: true; value: number } | { ok: false; error: string } {
  try {
    const value = evaluate(parseExpression(normalizeAnswer(expression)));
    return Number.isNaN(value) ? { ok: false, error: "the expression has no real value" } : { ok: true, value };
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, error: e.message };
    throw e;
  }
}
