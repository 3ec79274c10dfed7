import { z } from "zod";
import type { Step, ToolCall, TrajectoryDoc } from "../trajectory/types";
import { checkArguments } from "./argument-validator";
import { classifyEndReason } from "./end-reason";
import { canonicalJson } from "../llm/hash";

// The rules layer: checks that need no model. Each check names the steps
// (message indices) it is about, so the viewer can flag them in place.

export const ruleCheckSchema = z.object({
  code: z.string(),
  passed: z.boolean(),
  message: z.string(),
  steps: z.array(z.number().int().min(0)),
});
export type RuleCheck = z.infer<typeof ruleCheckSchema>;

export const RULE_CODES = [
  "known_tools",
  "valid_arguments",
  "no_claimed_output_without_call",
  "every_call_has_result",
  "every_result_has_call",
  "required_tools_called",
  "forbidden_tools_not_called",
  "ended_properly",
  "within_limits",
  "no_repeated_calls",
  "distractors_untouched",
  "no_recorded_violations",
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export const ruleLimitsSchema = z.object({
  /** most messages an episode may have */
  maxSteps: z.number().int().positive().optional(),
  /** most tool calls an episode may make */
  maxToolCalls: z.number().int().positive().optional(),
  /** identical calls (same tool, same arguments) from this count on are a loop */
  loopThreshold: z.number().int().min(2).default(3),
});
export type RuleLimits = z.input<typeof ruleLimitsSchema>;

export type RulesInput = {
  doc: TrajectoryDoc;
  task: { requiredTools: string[]; forbiddenTools: string[] } | null;
  endReason: string;
  limits?: RuleLimits;
};

type Located = { step: number; call: ToolCall };

function callsOf(messages: Step[]): Located[] {
  return messages.flatMap((m, step) => (m.role === "assistant" ? (m.toolCalls ?? []).map((call) => ({ step, call })) : []));
}

const uniq = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

function check(code: RuleCode, failingSteps: number[], failMessage: string, passMessage: string, failed = failingSteps.length > 0): RuleCheck {
  return { code, passed: !failed, message: failed ? failMessage : passMessage, steps: uniq(failingSteps) };
}

function knownTools(doc: TrajectoryDoc, calls: Located[]): RuleCheck {
  const declared = new Set(doc.tools.filter((t) => !t.undeclared).map((t) => t.name));
  const bad = calls.filter((c) => !declared.has(c.call.name));
  const names = [...new Set(bad.map((c) => c.call.name))].join(", ");
  return check(
    "known_tools",
    bad.map((c) => c.step),
    `Calls tools the agent does not have: ${names}`,
    "Every call names a tool the agent has",
  );
}

function validArguments(doc: TrajectoryDoc, calls: Located[]): RuleCheck {
  const byName = new Map(doc.tools.filter((t) => !t.undeclared).map((t) => [t.name, t]));
  const problems: { step: number; text: string }[] = [];
  for (const { step, call } of calls) {
    if (call.argumentsError) {
      problems.push({ step, text: `${call.name}: arguments are not JSON (${call.argumentsError})` });
      continue;
    }
    const tool = byName.get(call.name);
    if (!tool) continue; // reported by known_tools
    const result = checkArguments(tool.parameters, call.arguments);
    if (result.valid === false) problems.push({ step, text: `${call.name}: ${result.errors.slice(0, 3).join("; ")}` });
  }
  return check(
    "valid_arguments",
    problems.map((p) => p.step),
    `Arguments fail the tool's schema: ${problems
      .slice(0, 3)
      .map((p) => `step ${p.step} ${p.text}`)
      .join(" | ")}`,
    "Every call's arguments validate against its tool's schema",
  );
}

// Phrases with which an answer presents something as a tool's output.
const CLAIM =
  /\b(?:(?:the|this) (?:tool|api|function|search|lookup|query|database|system)\b[^.\n]{0,40}\b(?:returned|returns|shows|showed|says|said|reports|reported|responded|indicates|found|gave)\b|according to the (?:tool|api|search|results?|lookup|\w+ (?:tool|api))|i (?:have |just )?(?:called|ran|executed|queried|invoked)\b|(?:tool|api|search|function) (?:call )?(?:results?|output|response) (?:shows?|indicates?|says?|is|was)\b|here(?: is|'s) the (?:output|result|response) (?:of|from))/i;
const RESULT_WORD = /\b(?:returned|result|results|output|responded|response)\b/i;

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function noClaimedOutputWithoutCall(doc: TrajectoryDoc): RuleCheck {
  const toolNames = doc.tools.map((t) => t.name);
  const mentions = toolNames.map((name) => ({
    name,
    re: new RegExp(`\\b(?:${escapeRegExp(name)}|${escapeRegExp(name.replace(/[_-]+/g, " "))})\\b`, "i"),
  }));
  const seenResults = new Set<string>();
  let anyResult = false;
  const bad: number[] = [];
  doc.messages.forEach((m, step) => {
    if (m.role === "tool") {
      anyResult = true;
      if (m.toolName) seenResults.add(m.toolName);
      return;
    }
    if (m.role !== "assistant" || !m.content || (m.toolCalls?.length ?? 0) > 0) return;
    const named = mentions.filter((t) => t.re.test(m.content!)).map((t) => t.name);
    const claimsNamed = named.length > 0 && RESULT_WORD.test(m.content);
    if (claimsNamed && named.some((n) => !seenResults.has(n))) bad.push(step);
    else if (!claimsNamed && CLAIM.test(m.content) && !anyResult) bad.push(step);
  });
  return check(
    "no_claimed_output_without_call",
    bad,
    "The agent presents tool output that no tool call produced",
    "No answer presents tool output that was never produced",
  );
}

function everyCallHasResult(doc: TrajectoryDoc, calls: Located[]): RuleCheck {
  const answered = new Set(doc.messages.filter((m) => m.role === "tool" && m.toolCallId).map((m) => m.toolCallId));
  const bad = calls.filter((c) => !answered.has(c.call.id));
  return check(
    "every_call_has_result",
    bad.map((c) => c.step),
    `${bad.length} tool call(s) never got a result`,
    "Every tool call got a result",
  );
}

function everyResultHasCall(doc: TrajectoryDoc): RuleCheck {
  const issued = new Map<string, string>();
  const used = new Set<string>();
  const bad: number[] = [];
  doc.messages.forEach((m, step) => {
    if (m.role === "assistant") for (const c of m.toolCalls ?? []) issued.set(c.id, c.name);
    if (m.role !== "tool") return;
    const id = m.toolCallId;
    const matches = id != null && issued.has(id) && !used.has(id) && (!m.toolName || m.toolName === issued.get(id));
    if (!matches) bad.push(step);
    if (id != null) used.add(id);
  });
  return check(
    "every_result_has_call",
    bad,
    `${bad.length} tool result(s) answer no earlier call (or answer one twice)`,
    "Every tool result answers an earlier call",
  );
}

function requiredToolsCalled(task: RulesInput["task"], calls: Located[]): RuleCheck {
  const called = new Set(calls.map((c) => c.call.name));
  const missing = (task?.requiredTools ?? []).filter((t) => !called.has(t));
  return check("required_tools_called", [], `Required tools never called: ${missing.join(", ")}`, "Every required tool was called", missing.length > 0);
}

function forbiddenToolsNotCalled(task: RulesInput["task"], calls: Located[]): RuleCheck {
  const forbidden = new Set(task?.forbiddenTools ?? []);
  const bad = calls.filter((c) => forbidden.has(c.call.name));
  const names = [...new Set(bad.map((c) => c.call.name))].join(", ");
  return check(
    "forbidden_tools_not_called",
    bad.map((c) => c.step),
    `Forbidden tools called: ${names}`,
    "No forbidden tool was called",
  );
}

function endedProperly(doc: TrajectoryDoc, endReason: string): RuleCheck {
  const { kind, reason } = classifyEndReason(endReason, doc.messages);
  const last = doc.messages.length - 1;
  const passed = kind === "finished";
  const message = passed
    ? `Ended properly (${reason})`
    : kind === "limit"
      ? `Stopped by a limit (${reason}), not by finishing`
      : `Did not end properly (${reason})`;
  return { code: "ended_properly", passed, message, steps: passed || last < 0 ? [] : [last] };
}

function withinLimits(doc: TrajectoryDoc, endReason: string, calls: Located[], limits: z.infer<typeof ruleLimitsSchema>): RuleCheck {
  const problems: string[] = [];
  const steps: number[] = [];
  const { kind, reason } = classifyEndReason(endReason, doc.messages);
  if (kind === "limit") {
    problems.push(`stopped by ${reason}`);
    if (doc.messages.length > 0) steps.push(doc.messages.length - 1);
  }
  if (limits.maxSteps !== undefined && doc.messages.length > limits.maxSteps) {
    problems.push(`${doc.messages.length} steps > ${limits.maxSteps}`);
    steps.push(limits.maxSteps);
  }
  if (limits.maxToolCalls !== undefined && calls.length > limits.maxToolCalls) {
    problems.push(`${calls.length} tool calls > ${limits.maxToolCalls}`);
    steps.push(calls[limits.maxToolCalls].step);
  }
  return check("within_limits", steps, `Outside its limits: ${problems.join("; ")}`, "Stayed within its limits", problems.length > 0);
}

function noRepeatedCalls(calls: Located[], threshold: number): RuleCheck {
  const groups = new Map<string, Located[]>();
  for (const c of calls) {
    const key = `${c.call.name}\u0000${c.call.argumentsError ? (c.call.rawArguments ?? "") : canonicalJson(c.call.arguments)}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const loops = [...groups.values()].filter((g) => g.length >= threshold);
  const text = loops.map((g) => `${g[0].call.name} ×${g.length}`).join(", ");
  return check(
    "no_repeated_calls",
    loops.flat().map((c) => c.step),
    `Identical calls repeated: ${text}`,
    `No call repeated ${threshold} times or more`,
  );
}

function distractorsUntouched(doc: TrajectoryDoc, calls: Located[]): RuleCheck {
  const distractors = new Set(doc.tools.filter((t) => t.role === "distractor").map((t) => t.name));
  const bad = calls.filter((c) => distractors.has(c.call.name));
  const names = [...new Set(bad.map((c) => c.call.name))].join(", ");
  return check(
    "distractors_untouched",
    bad.map((c) => c.step),
    `Distractor tools used: ${names}`,
    "No distractor tool was used",
  );
}

function noRecordedViolations(doc: TrajectoryDoc): RuleCheck {
  const steps = doc.messages.flatMap((m, i) => (m.violations.length > 0 ? [i] : []));
  const codes = [...new Set(doc.messages.flatMap((m) => m.violations.map((v) => v.code)))].join(", ");
  return check("no_recorded_violations", steps, `Violations recorded during the episode: ${codes}`, "No violation was recorded during the episode");
}

/** Runs every rule over one trajectory. The order of the result is the order of RULE_CODES. */
const REACT_FINISH = "finish";

export function checkRules(input: RulesInput): RuleCheck[] {
  const { doc, task, endReason } = input;
  const limits = ruleLimitsSchema.parse(input.limits ?? {});
  // ReAct's `finish` is the protocol's way to end, not a tool of the agent's.
  const declaresFinish = doc.tools.some((t) => t.name === REACT_FINISH);
  const calls = callsOf(doc.messages).filter((c) => declaresFinish || c.call.name !== REACT_FINISH);
  return [
    knownTools(doc, calls),
    validArguments(doc, calls),
    noClaimedOutputWithoutCall(doc),
    everyCallHasResult(doc, calls),
    everyResultHasCall(doc),
    requiredToolsCalled(task, calls),
    forbiddenToolsNotCalled(task, calls),
    endedProperly(doc, endReason),
    withinLimits(doc, endReason, calls, limits),
    noRepeatedCalls(calls, limits.loopThreshold),
    distractorsUntouched(doc, calls),
    noRecordedViolations(doc),
  ];
}

/** Share of checks passed, 0–1 (1 when there is nothing to check). */
export function rulesScore(checks: RuleCheck[]): number {
  return checks.length === 0 ? 1 : checks.filter((c) => c.passed).length / checks.length;
}
