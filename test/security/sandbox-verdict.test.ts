import { describe, expect, it } from "vitest";
import { runCodeTests } from "../../lib/sandbox/code-tests";

// The verdict on a code task is the host's, not the sandbox's: hostile
// solutions try to pass hidden tests they cannot solve, in both languages,
// through the verifier synthesis writes (call arguments and expected
// values). The expected values are arbitrary strings, so the only way to
// pass is to read or forge.

const SECRETS = ["kumquat-91", "tamarind-07", "loquat-33"];
const verifier = (language: string) => ({
  language,
  functionName: "secret",
  tests: SECRETS.map((expected, i) => ({ name: `case ${i + 1}`, args: [i], expected })),
});

const REVERSED = JSON.stringify(SECRETS.map((s) => [...s].reverse().join("")));

/** Every shape of "this test passed" the channel has carried, for every test. */
const FORGED_LINES = SECRETS.flatMap((_, i) => [{ partial: { name: `case ${i + 1}`, passed: true } }, { index: i, passed: true }]).concat([
  { done: true } as never,
]);
const forged = JSON.stringify(FORGED_LINES.map((l) => JSON.stringify(l)).join("\n") + "\n");

describe("a JavaScript solution cannot decide its own verdict", () => {
  const ESCAPE = `const P = assert.constructor.constructor("return process")(); const fs = P.mainModule.require("fs");`;

  it("(a) writing an 'all passed' result to the result channel passes nothing", async () => {
    const code = `${ESCAPE}\nfs.writeSync(3, ${forged});\nfunction secret() { return "no idea"; }`;
    const r = await runCodeTests({ code, tests: verifier("javascript") });
    expect(r.tests.map((t) => t.passed)).toEqual([false, false, false]);
    // the first report for a test counts: the forged one, which carries no value
    expect(r.tests[0].message).toBe("reported no value");
  });

  it("(b) the hidden tests' expected values are nowhere in the sandbox: not in task.json, not in the process", async () => {
    const code = `${ESCAPE}
function secret(i) {
  const file = P.mainModule.filename.replace(/[^/]+$/, "task.json");
  const spec = fs.readFileSync(file, "utf8");
  console.log("read task.json: " + spec.length + " bytes");
  // the test knows what to look for (written backwards: the solution's own text is in the sandbox too)
  const wanted = ${REVERSED}[i].split("").reverse().join("");
  return spec.includes(wanted) ? wanted : "not found";
}`;
    const r = await runCodeTests({ code, tests: verifier("javascript") });
    expect(r.tests[0].logs?.[0]).toMatch(/^read task\.json: \d+ bytes$/);
    expect(r.tests.map((t) => t.passed)).toEqual([false, false, false]);
    for (const t of r.tests) expect(t.message).toMatch(/got "not found"/);
  });

  it("(c) exiting early after printing success passes nothing", async () => {
    const code = `${ESCAPE}\nP.stdout.write("3 of 3 tests passed\\n" + ${forged});\nfs.writeSync(3, ${forged});\nP.exit(0);\nfunction secret() {}`;
    const r = await runCodeTests({ code, tests: verifier("javascript") });
    expect(r.tests.map((t) => t.passed)).toEqual([false, false, false]);
    expect(r.run.exitCode).toBe(0);
  });

  it("a value the host cannot compare exactly fails: an instance, undefined, NaN, -0", async () => {
    const code = `class Box { constructor(v) { this.v = v; } }
function secret(i) { return [new Box("kumquat-91"), undefined, NaN][i]; }
function zero() { return -0; }`;
    const r = await runCodeTests({
      code,
      tests: [
        ...verifier("javascript").tests.map((t) => ({ name: t.name, input: `secret(${t.args[0]})`, expected: t.expected })),
        { name: "zero", input: "zero()", expected: 0 },
      ],
    });
    expect(r.tests.map((t) => t.passed)).toEqual([false, false, false, false]);
    expect(r.tests[0].message).toBe("AssertionError: expected \"kumquat-91\", got Box { v: 'kumquat-91' }");
    expect(r.tests[3].message).toBe("AssertionError: expected 0, got -0");
  });

  it("an honest solution still passes, and a free-form code test says its verdict came from the sandbox", async () => {
    const code = `function secret(i) { return ${JSON.stringify(SECRETS)}[i]; }`;
    const r = await runCodeTests({ code, tests: verifier("javascript") });
    expect(r).toMatchObject({ passed: 3, total: 3 });
    expect(r.tests.every((t) => t.reportedBySandbox === undefined)).toBe(true);
    const free = await runCodeTests({ code, tests: [`assert.strictEqual(secret(0), "kumquat-91");`] });
    expect(free.tests[0]).toMatchObject({ passed: true, reportedBySandbox: true });
  });
});

describe("a Python solution cannot decide its own verdict", () => {
  it("(a) writing an 'all passed' result to the result channel passes nothing", async () => {
    const code = `import os\nos.write(3, ${forged}.encode())\ndef secret(i):\n    return "no idea"\n`;
    const r = await runCodeTests({ code, tests: verifier("python") });
    expect(r.run.confinement).toBe("bubblewrap");
    expect(r.tests.map((t) => t.passed)).toEqual([false, false, false]);
    expect(r.tests[0].message).toBe("reported no value");
  });

  it("(b) the hidden tests' expected values are nowhere in the sandbox: not in task.json, not in the process's objects", async () => {
    const code = `import gc
def secret(i):
    text = open("/tmp/task.json").read()
    print("read task.json: %d bytes" % len(text))
    # and everything the harness holds in memory
    for o in gc.get_objects():
        if isinstance(o, (dict, list)):
            text += repr(o)
    # the test knows what to look for (written backwards: the solution's own text is in the sandbox too)
    wanted = ${REVERSED}[i][::-1]
    return wanted if wanted in text else "not found"
`;
    const r = await runCodeTests({ code, tests: verifier("python") });
    expect(r.tests[0].logs?.[0]).toMatch(/^read task\.json: \d+ bytes$/);
    expect(r.tests.map((t) => t.passed)).toEqual([false, false, false]);
    for (const t of r.tests) expect(t.message).toMatch(/got "not found"/);
  });

  it("(c) exiting early after printing success passes nothing", async () => {
    const code = `import os\nprint("3 of 3 tests passed")\nos.write(1, ${forged}.encode())\nos.write(3, ${forged}.encode())\nos._exit(0)\n`;
    const r = await runCodeTests({ code, tests: verifier("python") });
    expect(r.tests.map((t) => t.passed)).toEqual([false, false, false]);
    expect(r.run.exitCode).toBe(0);
  });

  it("an honest solution still passes; a tuple equals the list JSON makes of it, a set is not a list", async () => {
    const code = `def secret(i):\n    return ${JSON.stringify(SECRETS)}[i]\ndef pair():\n    return (1, 2)\ndef bag():\n    return {1, 2}\n`;
    const r = await runCodeTests({
      code,
      language: "python",
      tests: [
        ...verifier("python").tests.map((t) => ({ name: t.name, input: `secret(${t.args[0]})`, expected: t.expected })),
        { name: "pair", input: "pair()", expected: [1, 2] },
        { name: "bag", input: "bag()", expected: [1, 2] },
      ],
    });
    expect(r.tests.map((t) => t.passed)).toEqual([true, true, true, true, false]);
    expect(r.tests[4].message).toBe("AssertionError: expected [1,2], got {1, 2}");
  });
});
