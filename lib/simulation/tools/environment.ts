import { calculate, runCodeTests, SANDBOX_LANGUAGES } from "../../sandbox";
import type { SimTool, ToolBackend } from "./types";

// Real environments for verifiable tasks: the agent of a code task runs its
// code against the task's hidden tests in the sandbox; the agent of a math
// task has a calculator. Their results are real, never simulated.

export const RUN_TESTS_TOOL: SimTool = {
  name: "run_tests",
  description:
    "Runs your code against the task's hidden tests in a sandbox and reports which tests pass. Submit the complete code each time; the last code you ran is your submission.",
  parameters: {
    type: "object",
    properties: {
      code: { type: "string", description: "the complete source code" },
      language: { type: "string", enum: [...SANDBOX_LANGUAGES], description: "defaults to the task's language" },
    },
    required: ["code"],
    additionalProperties: false,
  },
  executor: "environment",
};

export const CALCULATOR_TOOL: SimTool = {
  name: "calculator",
  description: "Evaluates an arithmetic expression exactly as written (+ - * / ^, parentheses, sqrt, ln, log, sin, cos, tan, pi, e, factorial with !).",
  parameters: {
    type: "object",
    properties: { expression: { type: "string", description: "for example (3/4)*sqrt(16) + 2^10" } },
    required: ["expression"],
    additionalProperties: false,
  },
  executor: "environment",
  annotations: { readOnlyHint: true },
};

export function environmentTools(environment: string): SimTool[] {
  if (environment === "code") return [RUN_TESTS_TOOL];
  if (environment === "math") return [CALCULATOR_TOOL];
  return [];
}

export function createEnvironmentBackend(opts: { verifier: unknown }): ToolBackend {
  return {
    async call(tool, args, ctx) {
      const a = (args ?? {}) as { code?: string; language?: string; expression?: string };
      if (tool.name === RUN_TESTS_TOOL.name) {
        if (!opts.verifier) return { content: JSON.stringify({ error: "this task has no tests to run" }), isError: true, injectedFailure: null };
        const started = performance.now();
        const r = await runCodeTests({ code: a.code ?? "", language: a.language, tests: opts.verifier, signal: ctx.signal });
        const content = {
          passed: r.passed,
          total: r.total,
          tests: r.tests.map((t) => ({ name: t.name, passed: t.passed, ...(t.message ? { message: t.message } : {}) })),
          ...(r.error ? { error: r.error } : {}),
        };
        return { content: JSON.stringify(content), isError: false, injectedFailure: null, latencyMs: Math.round(performance.now() - started) };
      }
      if (tool.name === CALCULATOR_TOOL.name) {
        const r = calculate(a.expression ?? "");
        return r.ok
          ? { content: JSON.stringify({ value: r.value }), isError: false, injectedFailure: null }
          : { content: JSON.stringify({ error: r.error }), isError: true, injectedFailure: null };
      }
      return { content: JSON.stringify({ error: `${tool.name} is not an environment tool` }), isError: true, injectedFailure: null };
    },
  };
}
