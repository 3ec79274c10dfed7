import { describe, expect, it } from "vitest";
import type { ExecutionSandbox } from "../judge/execution";
import { createSandbox } from "./index";

describe("the sandbox as the judge uses it", () => {
  const sandbox = createSandbox({ wallMs: 10_000 });
  // the judge's ExecutionSandbox contract, checked by the compiler
  const _contract: ExecutionSandbox = sandbox;

  it("checks a math answer and runs a verifier's tests", async () => {
    expect(await sandbox.checkAnswer({ expected: "3/4", given: "The answer is 0.75" })).toEqual({ equivalent: true });
    expect(await sandbox.checkAnswer({ expected: "3/4", given: "0.7" })).toMatchObject({ equivalent: false, detail: "expected 3/4, got 0.7" });
    const run = await sandbox.runCodeTests({
      language: "javascript",
      code: "function inc(n) { return n + 1; }",
      tests: { functionName: "inc", tests: [{ name: "one", args: [1], expected: 2 }] },
    });
    expect(run).toEqual({ tests: [expect.objectContaining({ name: "one", passed: true })] });
  });
});
