import type { Step, ToolCall } from "../trajectory/types";

// How a corrected version differs from the original, step by step. Pure:
// the viewer's client components import it.

/** A call's arguments as text: as the model (or the reviewer) wrote them. */
export function argumentsText(call: Pick<ToolCall, "arguments" | "rawArguments">): string {
  return call.rawArguments ?? JSON.stringify(call.arguments ?? {});
}

export type FieldChange = { field: string; before: string | null; after: string | null };

/** What changed in one step: its text, a call's tool or arguments, the tool a result names. */
export function stepChanges(original: Step, corrected: Step): FieldChange[] {
  const changes: FieldChange[] = [];
  if (original.content !== corrected.content) changes.push({ field: "text", before: original.content, after: corrected.content });
  if (original.toolName !== corrected.toolName) changes.push({ field: "tool", before: original.toolName, after: corrected.toolName });
  const calls = corrected.toolCalls ?? [];
  (original.toolCalls ?? []).forEach((call, i) => {
    const now = calls[i];
    if (!now) return;
    const label = (original.toolCalls?.length ?? 0) > 1 ? `call ${i + 1} ` : "call ";
    if (call.name !== now.name) changes.push({ field: `${label}tool`, before: call.name, after: now.name });
    if (argumentsText(call) !== argumentsText(now)) changes.push({ field: `${label}arguments`, before: argumentsText(call), after: argumentsText(now) });
  });
  return changes;
}

/** The indexes of the steps a corrected version changes. */
export function changedSteps(original: Step[], corrected: Step[]): number[] {
  return corrected.flatMap((step, i) => (original[i] && stepChanges(original[i], step).length > 0 ? [i] : []));
}

/** Two texts as what they share around the one span that differs: enough to mark an edit without a diff library. */
export function textChange(before: string, after: string): { prefix: string; removed: string; added: string; suffix: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  // never split a character written as two UTF-16 units
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  if (end > 0 && isHighSurrogate(before.charCodeAt(before.length - 1 - end))) end--;
  return {
    prefix: before.slice(0, start),
    removed: before.slice(start, before.length - end),
    added: after.slice(start, after.length - end),
    suffix: before.slice(before.length - end),
  };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Calls a correction changed (tool or arguments) that a stored tool result
 * still answers: that result came from the original call, so the pair would
 * teach a model a result its call could not have had. Re-simulating from the
 * correction answers the corrected calls anew.
 */
export function staleResults(original: Step[], corrected: Step[]): string[] {
  const reasons: string[] = [];
  corrected.forEach((step, i) => {
    (step.toolCalls ?? []).forEach((call, c) => {
      const before = original[i]?.toolCalls?.[c];
      if (!before || (before.name === call.name && argumentsText(before) === argumentsText(call))) return;
      const answered = corrected.findIndex((s, j) => j > i && s.role === "tool" && s.toolCallId === call.id);
      if (answered >= 0)
        reasons.push(
          `step ${i}: the corrected call to ${call.name} is answered by the original call's result (step ${answered}); re-simulate from the correction`,
        );
    });
  });
  return reasons;
}
