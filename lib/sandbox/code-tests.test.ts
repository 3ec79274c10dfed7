import { describe, expect, it } from "vitest";
import { normalizeTests, runCodeTests } from "./code-tests";

const TESTS = [
  { name: "adds", code: "assert.strictEqual(add(1, 2), 3);" },
  { name: "adds negatives", code: "assert.strictEqual(add(-1, -2), -3);" },
  { name: "concatenates? no", code: "assert.strictEqual(add(0.1, 0.2).toFixed(2), '0.30');" },
];

describe("code tasks in the sandbox", () => {
  it("runs hidden tests against a solution and reports each", async () => {
    const r = await runCodeTests({ code: "function add(a, b) { return a + b; }", tests: TESTS });
    expect(r.error).toBeUndefined();
    expect(r.tests.map((t) => [t.name, t.passed])).toEqual([
      ["adds", true],
      ["adds negatives", true],
      ["concatenates? no", true],
    ]);
    expect(r).toMatchObject({ passed: 3, total: 3 });
  });

  it("reports failing tests with the assertion message, and the others still run", async () => {
    const r = await runCodeTests({ code: "export function add(a, b) { return a > 0 ? a + b : 0; }", tests: TESTS });
    expect(r.tests.map((t) => t.passed)).toEqual([true, false, true]);
    expect(r.tests[1].message).toMatch(/Expected values to be strictly equal/);
  });

  it("compiles TypeScript and runs async tests", async () => {
    const code = "export async function twice(n: number): Promise<number> { return n * 2; }";
    const r = await runCodeTests({ language: "ts", code, tests: ["assert.strictEqual(await twice(4), 8);", { input: "twice(1)", expected: 2 }] });
    expect(r.tests.map((t) => t.passed)).toEqual([true, true]);
  });

  it("a test that loops forever fails on its own timeout and the rest still run", async () => {
    const r = await runCodeTests({
      code: "function spin() { for (;;) {} } function ok() { return 1; }",
      tests: [
        { name: "spins", code: "spin();" },
        { name: "ok", code: "assert.strictEqual(ok(), 1);" },
      ],
      testTimeoutMs: 300,
    });
    expect(r.tests[0]).toMatchObject({ name: "spins", passed: false });
    expect(r.tests[0].message).toMatch(/timed out/);
    expect(r.tests[1]).toMatchObject({ name: "ok", passed: true });
  });

  it("a solution that blows the memory fails every test it did not finish, with the reason", async () => {
    const r = await runCodeTests({
      code: "const hog = []; function grow() { for (;;) hog.push(new Array(1e5).fill(1)); }",
      tests: ["assert.ok(true);", "grow();", "assert.ok(true);"],
      limits: { memoryMb: 64, wallMs: 20_000 },
      testTimeoutMs: 15_000,
    });
    expect(r.tests.map((t) => t.passed)).toEqual([true, false, false]);
    expect(r.error).toMatch(/memory/);
  });

  it("code cannot reach the file system, processes or the network through require", async () => {
    const r = await runCodeTests({
      code: "function leak() { return require('fs').readFileSync('/etc/hostname', 'utf8'); }",
      tests: [
        "assert.throws(() => leak(), /not available in the sandbox/);",
        "assert.throws(() => require('child_process'));",
        "assert.throws(() => require('net'));",
      ],
    });
    expect(r.tests.every((t) => t.passed)).toBe(true);
  });

  it("a syntax error fails every test with the compiler's message", async () => {
    const r = await runCodeTests({ code: "function add(a, b) { return a + ; }", tests: TESTS });
    expect(r.passed).toBe(0);
    expect(r.tests[0].message).toMatch(/Unexpected token/);
  });

  it("runs a verifier as synthesis writes it: call arguments and expected values", async () => {
    const verifier = {
      kind: "code",
      language: "javascript",
      functionName: "chunk",
      tests: [
        { name: "pairs", args: [[1, 2, 3], 2], expected: [[1, 2], [3]] },
        { name: "empty", args: [[], 3], expected: [] },
      ],
    };
    const code = "function chunk(items, size) { const out = []; for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size)); return out; }";
    const r = await runCodeTests({ code, tests: verifier });
    expect(r.tests.map((t) => [t.name, t.passed])).toEqual([
      ["pairs", true],
      ["empty", true],
    ]);
    const wrong = await runCodeTests({ code: "function chunk() { return []; }", tests: verifier });
    expect(wrong.tests.map((t) => t.passed)).toEqual([false, true]);
  });

  it("refuses languages it cannot run", async () => {
    const r = await runCodeTests({ language: "cobol", code: "x", tests: ["1"] });
    expect(r.error).toMatch(/javascript, typescript, python, not cobol/);
  });

  it("reads every test shape synthesis may write", () => {
    expect(normalizeTests("assert.ok(1)")).toEqual([{ name: "tests", code: "assert.ok(1)" }]);
    expect(normalizeTests(["a()", { name: "b", code: "b()" }, { input: "c(1)", expected: [1] }])).toEqual([
      { name: "test 1", code: "a()" },
      { name: "b", code: "b()" },
      { name: "test 3", value: "c(1)", expected: [1] },
    ]);
    expect(normalizeTests([{ name: "x", args: [1, "a"], expected: { ok: true } }], "f")).toEqual([
      { name: "x", value: 'f(...JSON.parse("[1,\\"a\\"]"))', expected: { ok: true } },
    ]);
    expect(normalizeTests([{ args: [[1]], expected: undefined }], "f", "python")).toEqual([
      { name: "test 1", value: 'f(*__import__("json").loads("[[1]]"))', expected: null },
    ]);
    expect(() => normalizeTests([{ args: [1], expected: 1 }])).toThrow(/function's name/);
    expect(() => normalizeTests([] as never)).toThrow();
  });
});

describe("Python code tasks in the sandbox", () => {
  it("runs hidden tests against a Python solution and reports each, with the failing line", async () => {
    const code = "def add(a, b):\n    return a + b if a > 0 else 0\n";
    const r = await runCodeTests({
      language: "python",
      code,
      tests: ["assert add(1, 2) == 3", { name: "negatives", code: "print('checking')\nassert add(-1, -2) == -3" }],
    });
    expect(r.error).toBeUndefined();
    expect(r.tests.map((t) => [t.name, t.passed])).toEqual([
      ["test 1", true],
      ["negatives", false],
    ]);
    expect(r.tests[1].message).toBe("AssertionError: assert add(-1, -2) == -3");
    expect(r.tests[1].logs).toEqual(["checking"]);
    expect(r.run.confinement).toBe("bubblewrap");
  });

  it("runs a verifier as synthesis writes it; tuples equal the lists their JSON is", async () => {
    const verifier = {
      language: "python",
      functionName: "chunk",
      tests: [
        { name: "pairs", args: [[1, 2, 3], 2], expected: [[1, 2], [3]] },
        { name: "empty", args: [[], 3], expected: [] },
        { name: "expression", input: "chunk([1], 5)", expected: [[1]] },
      ],
    };
    const code = "def chunk(items, size):\n    return [tuple(items[i:i + size]) for i in range(0, len(items), size)]\n";
    const r = await runCodeTests({ code, tests: verifier });
    expect(r.tests.map((t) => [t.name, t.passed])).toEqual([
      ["pairs", true],
      ["empty", true],
      ["expression", true],
    ]);
    const wrong = await runCodeTests({ code: "def chunk(items, size):\n    return []\n", tests: verifier });
    expect(wrong.tests.map((t) => t.passed)).toEqual([false, true, false]);
    expect(wrong.tests[0].message).toBe("AssertionError: expected [[1,2],[3]], got []");
  });

  it("a test that loops forever fails on its own timeout, even under `except Exception`, and the rest still run", async () => {
    const code = "def spin():\n    while True:\n        try:\n            pass\n        except Exception:\n            pass\n";
    const r = await runCodeTests({
      language: "py",
      code,
      tests: [
        { name: "spins", code: "spin()" },
        { name: "ok", code: "assert True" },
      ],
      testTimeoutMs: 300,
    });
    expect(r.tests[0]).toMatchObject({ name: "spins", passed: false });
    expect(r.tests[0].message).toMatch(/timed out after 300 ms/);
    expect(r.tests[1]).toMatchObject({ name: "ok", passed: true });
  });

  it("a syntax error fails every test with the compiler's message", async () => {
    const r = await runCodeTests({ language: "python", code: "def add(a, b)\n    return a + b", tests: ["assert add(1, 1) == 2", "assert True"] });
    expect(r.passed).toBe(0);
    expect(r.error).toMatch(/Python could not be compiled: expected ':' \(line 1\)/);
  });
});
