import { z } from "zod";
import type { Environment } from "../db/client";
import type { TrajectoryDoc } from "../trajectory/types";
import { findSubmission, type Submission } from "./submission";

// The execution layer: for code and math tasks the sandbox, not a model,
// decides. The judge needs two things from a sandbox; lib/sandbox provides
// them (see sandbox-adapter.ts), tests hand in fakes.

export type CodeTestOutcome = { name: string; passed: boolean; message?: string };

/** What the judge needs from a sandbox; a capability it lacks makes that kind of task "unavailable". */
export type ExecutionSandbox = {
  runCodeTests?(input: { language: string; code: string; tests: unknown; signal?: AbortSignal }): Promise<{ tests: CodeTestOutcome[]; error?: string }>;
  checkAnswer?(input: { expected: string; given: string; signal?: AbortSignal }): Promise<{ equivalent: boolean; detail?: string }>;
};

// Task.verifier as synthesis writes it: hidden tests for code, an answer for math.
export const codeVerifierSchema = z
  .object({
    language: z.string().default("javascript"),
    tests: z.unknown().refine((t) => t !== undefined && t !== null, "a code verifier needs tests"),
  })
  .loose();
export const mathVerifierSchema = z.object({ answer: z.union([z.string(), z.number()]).transform(String) }).loose();

export const executionLayerSchema = z.object({
  status: z.enum(["not_applicable", "passed", "failed", "unavailable", "error"]),
  kind: z.enum(["code", "math"]).nullable(),
  message: z.string(),
  tests: z.array(z.object({ name: z.string(), passed: z.boolean(), message: z.string().optional() })).optional(),
  expected: z.string().optional(),
  given: z.string().optional(),
  /** share of tests passed (code) or 1/0 (math); null when nothing ran */
  score: z.number().nullable(),
  /** where the judged code or answer was found */
  steps: z.array(z.number().int().min(0)),
  /** for an error or unavailable check: whose fault it is (the task's verifier, or the sandbox) */
  origin: z.enum(["task", "sandbox"]).optional(),
});
export type ExecutionLayer = z.infer<typeof executionLayerSchema>;

const layer = (l: Omit<ExecutionLayer, "steps"> & { steps?: number[] }): ExecutionLayer => ({ ...l, steps: l.steps ?? [] });

/** No code or answer was run: the episode has nothing to judge by execution. */
export const executionNotRun = (message: string): ExecutionLayer => layer({ status: "not_applicable", kind: null, message, score: null });

type Run = (kind: "code" | "math", submission: Submission, steps: number[]) => Promise<ExecutionLayer>;

export async function judgeExecution(
  sandbox: ExecutionSandbox | null,
  task: { environment: Environment; verifier: unknown } | null,
  doc: TrajectoryDoc,
  signal?: AbortSignal,
): Promise<ExecutionLayer> {
  const kind = task?.environment === "code" || task?.environment === "math" ? task.environment : null;
  if (!task || !kind) return layer({ status: "not_applicable", kind: null, message: "Not a code or math task", score: null });
  const code = kind === "code" ? codeVerifierSchema.safeParse(task.verifier) : null;
  const math = kind === "math" ? mathVerifierSchema.safeParse(task.verifier) : null;
  const problem = code?.error ?? math?.error;
  if (problem)
    return layer({
      status: "error",
      origin: "task",
      kind,
      message: `The task's verifier is unusable: ${problem.issues[0]?.message ?? "invalid"}`,
      score: null,
    });
  const submission = findSubmission(doc, kind);
  if (!submission) {
    return layer({ status: "failed", kind, message: kind === "code" ? "The agent submitted no code" : "The agent gave no final answer", score: 0 });
  }
  const steps = [submission.step];
  const runCodeTests = sandbox?.runCodeTests?.bind(sandbox);
  const checkAnswer = sandbox?.checkAnswer?.bind(sandbox);
  let run: Run | null = null;
  if (code?.data && runCodeTests) {
    const verifier = code.data;
    run = async (kind, submission, steps) => {
      const out = await runCodeTests({
        language: submission.language ?? verifier.language,
        code: submission.text,
        tests: "functionName" in verifier ? verifier : verifier.tests,
        signal,
      });
      const passed = out.tests.filter((t) => t.passed).length;
      const all = out.tests.length > 0 && passed === out.tests.length && !out.error;
      const message = out.error ? `The code did not run: ${out.error}` : `${passed} of ${out.tests.length} tests passed`;
      return layer({ status: all ? "passed" : "failed", kind, message, tests: out.tests, score: out.tests.length ? passed / out.tests.length : 0, steps });
    };
  } else if (math?.data && checkAnswer) {
    const expected = math.data.answer;
    run = async (kind, submission, steps) => {
      const out = await checkAnswer({ expected, given: submission.text, signal });
      const message = out.equivalent
        ? "The answer is equivalent to the expected one"
        : `The answer differs from the expected one${out.detail ? ` (${out.detail})` : ""}`;
      return layer({ status: out.equivalent ? "passed" : "failed", kind, message, expected, given: submission.text, score: out.equivalent ? 1 : 0, steps });
    };
  }
  if (!run)
    return layer({
      status: "unavailable",
      origin: "sandbox",
      kind,
      message: `No sandbox is available to ${kind === "code" ? "run code tests" : "check math answers"}`,
      score: null,
      steps,
    });
  try {
    return await run(kind, submission, steps);
  } catch (e) {
    if (signal?.aborted) throw e;
    return layer({
      status: "error",
      origin: "sandbox",
      kind,
      message: `The sandbox failed: ${e instanceof Error ? e.message : String(e)}`,
      score: null,
      steps,
    });
  }
}
