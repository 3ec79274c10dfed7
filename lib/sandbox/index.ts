import { runCodeTests } from "./code-tests";
import type { SandboxLimitsInput } from "./limits";
import { checkAnswer } from "./math/equivalence";

// Real environments for verifiable tasks. The judge's ExecutionSandbox
// (lib/judge/execution.ts) is satisfied by createSandbox() structurally.

export { runCodeTests, normalizeTests, SANDBOX_LANGUAGES, type CodeTestsResult, type CodeTestOutcome } from "./code-tests";
export { checkAnswer, closeEnough, type AnswerCheck } from "./math/equivalence";
export { calculate } from "./math/calculate";
export { extractFinalAnswer, normalizeAnswer } from "./math/normalize";
export { runInSandbox, type SandboxRun, type SandboxRequest } from "./process";
export { sandboxLimitsSchema, type SandboxLimits, type SandboxLimitsInput } from "./limits";
export { networkIsolation } from "./isolation";
export { sandboxStatus, SandboxUnavailableError, ALLOW_WEAK_ENV, type SandboxStatus } from "./confinement";

export function createSandbox(limits?: SandboxLimitsInput) {
  return {
    async runCodeTests(input: { language: string; code: string; tests: unknown; signal?: AbortSignal }) {
      const r = await runCodeTests({ ...input, limits });
      return { tests: r.tests, ...(r.error ? { error: r.error } : {}) };
    },
    async checkAnswer(input: { expected: string; given: string; signal?: AbortSignal }) {
      const r = checkAnswer(input);
      return { equivalent: r.equivalent, ...(r.detail ? { detail: r.detail } : {}) };
    },
  };
}
