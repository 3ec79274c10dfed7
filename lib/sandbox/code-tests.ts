import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { HARNESS_SOURCE } from "./harness";
import { PYTHON_HARNESS_SOURCE } from "./harness-python";
import type { SandboxLimitsInput } from "./limits";
import { runInSandbox, type SandboxRun } from "./process";

// A code task's hidden tests in every shape they come in: one test file, a
// list of assertion lines, named snippets, an expression with its expected
// value, or (as synthesis writes them) the arguments to call the task's
// function with and the value it must return.
const namedTest = z.object({ name: z.string().optional(), code: z.string().min(1) });
const exprTest = z.object({ name: z.string().optional(), input: z.string().min(1), expected: z.unknown() });
const callTest = z.object({ name: z.string().optional(), args: z.array(z.unknown()), expected: z.unknown() });
export const codeTestsSchema = z.union([z.string().min(1), z.array(z.union([z.string().min(1), namedTest, exprTest, callTest])).min(1)]);
export type CodeTestsInput = z.input<typeof codeTestsSchema>;

/**
 * A test the sandbox runs. A value test (from an expression or call
 * arguments with an expected value) sends only its expression into the
 * sandbox, which reports the value; the host keeps `expected` and decides.
 * A code test is free-form assertion code: its expected values are part of
 * the code that runs beside the solution, so its verdict comes from inside
 * the sandbox and hostile code can forge it (`reportedBySandbox`).
 */
export type CodeTest = { name: string; code: string } | { name: string; value: string; expected: unknown };

export const SANDBOX_LANGUAGES = ["javascript", "typescript", "python"] as const;
export type SandboxLanguage = (typeof SANDBOX_LANGUAGES)[number];
const LANGUAGE_ALIASES: Record<string, SandboxLanguage> = {
  javascript: "javascript",
  js: "javascript",
  node: "javascript",
  typescript: "typescript",
  ts: "typescript",
  python: "python",
  py: "python",
  python3: "python",
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `functionName` is needed only for tests given as call arguments. */
export function normalizeTests(tests: CodeTestsInput, functionName?: string, language: SandboxLanguage = "javascript"): CodeTest[] {
  const parsed = codeTestsSchema.parse(tests);
  if (typeof parsed === "string") return [{ name: "tests", code: parsed }];
  const python = language === "python";
  return parsed.map((t, i) => {
    const name = typeof t === "string" ? `test ${i + 1}` : (t.name ?? `test ${i + 1}`);
    if (typeof t === "string") return { name, code: t };
    if ("code" in t) return { name, code: t.code };
    // JSON text is a valid string literal in both languages
    const json = (v: unknown) => JSON.stringify(JSON.stringify(v));
    const expected = asJson(t.expected);
    if ("input" in t) return { name, value: t.input, expected };
    if (!functionName || !IDENTIFIER.test(functionName)) throw new Error("tests given as call arguments need the function's name");
    const args = python ? `*__import__("json").loads(${json(t.args)})` : `...JSON.parse(${json(t.args)})`;
    return { name, value: `${functionName}(${args})`, expected };
  });
}

/** The expected value as JSON holds it (a missing one is null), so it compares like the value the sandbox reports. */
function asJson(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? null)) as unknown;
}

/** Accepts the tests alone or a whole verifier ({ functionName, tests, language }). */
function unwrapVerifier(tests: unknown, functionName?: string, language?: string) {
  if (tests && typeof tests === "object" && !Array.isArray(tests) && "tests" in tests) {
    const v = tests as { tests: unknown; functionName?: unknown; language?: unknown };
    return {
      tests: v.tests,
      functionName: functionName ?? (typeof v.functionName === "string" ? v.functionName : undefined),
      language: language ?? (typeof v.language === "string" ? v.language : undefined),
    };
  }
  return { tests, functionName, language };
}

export const codeTestOutcomeSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  message: z.string().optional(),
  ms: z.number().optional(),
  logs: z.array(z.string()).optional(),
  /** a free-form code test: the sandbox, not the host, said whether it passed (see CodeTest) */
  reportedBySandbox: z.literal(true).optional(),
});
export type CodeTestOutcome = z.infer<typeof codeTestOutcomeSchema>;

export type CodeTestsResult = {
  tests: CodeTestOutcome[];
  passed: number;
  total: number;
  /** why the code did not run to the end, when it did not */
  error?: string;
  run: Omit<SandboxRun, "channel">;
};

const reported = { index: z.number().int().min(0), ms: z.number().optional(), logs: z.array(z.string()).optional() };
const channelLine = z.union([
  z.object({ ...reported, value: z.union([z.object({ json: z.string() }), z.object({ unlike: z.string() })]) }),
  z.object({ ...reported, passed: z.boolean(), message: z.string().optional() }),
  z.object({ done: z.literal(true) }),
  z.object({ error: z.string() }),
]);
type Reported = Extract<z.infer<typeof channelLine>, { index: number }>;

const SHOWN = 300;

/** The host's verdict on one test from what the sandbox reported for it (the first report per test counts). */
function judgeTest(test: CodeTest, r: Reported): CodeTestOutcome {
  const seen = { name: test.name, ...(r.ms !== undefined ? { ms: r.ms } : {}), ...(r.logs ? { logs: r.logs } : {}) };
  if ("passed" in r) {
    if (!r.passed) return { ...seen, passed: false, message: r.message ?? "failed" };
    // a value test passes only on its value: a bare "passed" comes from the code under test
    return "code" in test ? { ...seen, passed: true, reportedBySandbox: true } : { ...seen, passed: false, message: "reported no value" };
  }
  if ("code" in test) return { ...seen, passed: false, message: "reported a value for a code test" };
  const actual = "json" in r.value ? safeJson(r.value.json) : undefined;
  if ("json" in r.value && isDeepStrictEqual(actual, test.expected)) return { ...seen, passed: true };
  const shown = "json" in r.value ? r.value.json : r.value.unlike;
  return { ...seen, passed: false, message: `AssertionError: expected ${JSON.stringify(test.expected).slice(0, SHOWN)}, got ${shown.slice(0, SHOWN)}` };
}

/** Runs `code` against `tests` in the sandbox; a test the process never reached fails with the reason. */
export async function runCodeTests(input: {
  language?: string;
  code: string;
  /** the tests, or the task's whole verifier */
  tests: unknown;
  functionName?: string;
  limits?: SandboxLimitsInput;
  testTimeoutMs?: number;
  signal?: AbortSignal;
}): Promise<CodeTestsResult> {
  const given = unwrapVerifier(input.tests, input.functionName, input.language);
  const language = LANGUAGE_ALIASES[(given.language ?? "javascript").toLowerCase()];
  const tests = normalizeTests(given.tests as CodeTestsInput, given.functionName, language);
  const failAll = (error: string, run: CodeTestsResult["run"]): CodeTestsResult => ({
    tests: tests.map((t) => ({ name: t.name, passed: false, message: error })),
    passed: 0,
    total: tests.length,
    error,
    run,
  });
  if (!language) {
    const { channel: _c, ...run } = emptyRun();
    return failAll(`the sandbox runs ${SANDBOX_LANGUAGES.join(", ")}, not ${given.language}`, run);
  }
  // what the sandbox sees: never an expected value
  const sent = tests.map((t) => ("code" in t ? { name: t.name, code: t.code } : { name: t.name, value: t.value }));
  const task = { language, solution: input.code, tests: sent, testTimeoutMs: input.testTimeoutMs ?? 2_000 };
  const python = language === "python";
  // where the machine cannot confine the code, runInSandbox throws SandboxUnavailableError: the
  // caller reports a sandbox fault, never a failed solution
  const result = await runInSandbox({
    files: { "task.json": JSON.stringify(task), ...(python ? { "harness.py": PYTHON_HARNESS_SOURCE } : { "harness.cjs": HARNESS_SOURCE }) },
    entry: python ? "harness.py" : "harness.cjs",
    runtime: python ? "python" : "node",
    limits: input.limits,
    signal: input.signal,
  });
  const { channel, ...run } = result;
  const reports = new Map<number, Reported>();
  let finished = false;
  for (const line of channel.split("\n").filter(Boolean)) {
    const parsed = channelLine.safeParse(safeJson(line));
    if (!parsed.success) continue;
    if ("index" in parsed.data) {
      if (!reports.has(parsed.data.index)) reports.set(parsed.data.index, parsed.data);
    } else if ("done" in parsed.data) finished = true;
    else return failAll(parsed.data.error, run);
  }
  const reason = finished ? undefined : stopReason(result);
  const all = tests.map((t, i) => {
    const r = reports.get(i);
    return r ? judgeTest(t, r) : { name: t.name, passed: false, message: reason ?? "not run" };
  });
  const passed = all.filter((t) => t.passed).length;
  return { tests: all, passed, total: all.length, ...(reason ? { error: reason } : {}), run };
}

function stopReason(r: SandboxRun): string {
  if (r.timedOut) return `timed out after ${r.durationMs} ms`;
  if (r.memoryExceeded) return "exceeded the memory limit";
  if (r.cpuLimitHit) return "exceeded the CPU time limit";
  if (r.outputExceeded) return "printed more output than allowed";
  const stderr = r.stderr.trim().split("\n").slice(-3).join(" ").slice(0, 500);
  return `the process exited with ${r.signal ?? `code ${r.exitCode}`}${stderr ? `: ${stderr}` : ""}`;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

function emptyRun(): SandboxRun {
  return {
    exitCode: null,
    signal: null,
    stdout: "",
    stderr: "",
    channel: "",
    durationMs: 0,
    timedOut: false,
    cpuLimitHit: false,
    memoryExceeded: false,
    outputExceeded: false,
    network: "guard",
    confinement: "node-permissions",
  };
}
