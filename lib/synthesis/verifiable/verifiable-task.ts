import type { RubricCriterion, Verifier } from "../task-schemas";
import { pickOne, type Rng } from "../random";
import { codeProblem, expectedOutputs, inLanguage, type CodeLanguage } from "./code-problems";
import { mathProblem } from "./math-problems";

export type VerifiableTask = {
  environment: "code" | "math";
  goal: string;
  instruction: string;
  rubric: RubricCriterion[];
  verifier: Verifier;
  provenance: Record<string, unknown>;
};

const LANGUAGE_NAMES: Record<CodeLanguage, string> = { javascript: "JavaScript", python: "Python" };

/** `languages` to pose the problem in; one is drawn after the problem, so a task's problem does not depend on them. */
export function codeTask(rng: Rng, languages: readonly CodeLanguage[] = ["javascript"]): VerifiableTask {
  const base = codeProblem(rng);
  const expected = expectedOutputs(base);
  const language = languages.length > 1 ? pickOne(rng, languages) : (languages[0] ?? "javascript");
  const problem = inLanguage(base, language);
  const name = LANGUAGE_NAMES[language];
  return {
    environment: "code",
    goal: `A correct ${name} implementation of ${problem.functionName} that passes the hidden tests.`,
    instruction: `Write a ${name} function \`${problem.signature}\`. ${problem.statement} Reply with the complete function; do not print, return the value.`,
    rubric: [
      { id: "tests", kind: "success", description: "Every hidden test passes.", weight: 3 },
      { id: "signature", kind: "behaviour", description: `Defines ${problem.functionName} with the requested parameters and returns its result.`, weight: 1 },
    ],
    verifier: {
      kind: "code",
      language,
      functionName: problem.functionName,
      signature: problem.signature,
      tests: problem.inputs.map((args, i) => ({ name: `case ${i + 1}`, args, expected: expected[i] })),
      reference: problem.reference,
    },
    provenance: { problem: base.functionName, ...(language === "javascript" ? {} : { language }) },
  };
}

export function mathTask(rng: Rng): VerifiableTask {
  const problem = mathProblem(rng);
  return {
    environment: "math",
    goal: `The exact answer to a ${problem.topic} problem.`,
    instruction: `${problem.statement} Give the final answer on its own last line as "Answer: <value>".`,
    rubric: [
      { id: "answer", kind: "success", description: "The final answer equals the exact answer.", weight: 3 },
      { id: "work", kind: "behaviour", description: "Shows the steps that lead to the answer.", weight: 1 },
    ],
    verifier: { kind: "math", answer: problem.answer },
    provenance: { topic: problem.topic },
  };
}
