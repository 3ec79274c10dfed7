import { pickOne, randInt, sample, type Rng } from "../random";

// Small functions to write, each with a reference solution. The hidden tests'
// expected values are computed by running the reference on seeded inputs, so
// tests and reference can never disagree.

export type CodeProblem = {
  functionName: string;
  signature: string;
  statement: string;
  reference: string;
  inputs: unknown[][];
};

const WORDS = ["alpha", "beta", "Gamma", "delta", "Echo", "fox", "golf", "hotel", "India", "juliet", "kilo", "lima"];

const PROBLEMS: ((rng: Rng) => CodeProblem)[] = [
  (rng) => ({
    functionName: "slugify",
    signature: "slugify(text: string): string",
    statement: "Turn a title into a URL slug: lower case, runs of characters other than a–z and 0–9 become a single hyphen, no hyphen at either end.",
    reference: `function slugify(text) { return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""); }`,
    inputs: [
      ["Hello, World!"],
      ["  Already-slugged  "],
      [""],
      ...Array.from({ length: 3 }, () => [
        sample(rng, WORDS, randInt(rng, 1, 4)).join(pickOne(rng, [" ", "  ", "_", " & "])) + pickOne(rng, ["", "!", " 2026"]),
      ]),
    ],
  }),
  (rng) => ({
    functionName: "runLengthEncode",
    signature: "runLengthEncode(text: string): string",
    statement: 'Encode a string by replacing each run of a repeated character with the run\'s length followed by the character, e.g. "aaabcc" → "3a1b2c".',
    reference: `function runLengthEncode(text) { let out = ""; for (let i = 0; i < text.length; ) { let j = i; while (j < text.length && text[j] === text[i]) j++; out += (j - i) + text[i]; i = j; } return out; }`,
    inputs: [
      [""],
      ["a"],
      ...Array.from({ length: 4 }, () => [
        Array.from({ length: randInt(rng, 2, 6) }, () => pickOne(rng, ["a", "b", "x", "z"]).repeat(randInt(rng, 1, 5))).join(""),
      ]),
    ],
  }),
  (rng) => ({
    functionName: "isBalanced",
    signature: "isBalanced(text: string): boolean",
    statement: "Return true when every (, [ and { in the string is closed by the matching bracket in the right order; other characters are ignored.",
    reference: `function isBalanced(text) { const open = { ")": "(", "]": "[", "}": "{" }; const stack = []; for (const ch of text) { if ("([{".includes(ch)) stack.push(ch); else if (ch in open) { if (stack.pop() !== open[ch]) return false; } } return stack.length === 0; }`,
    inputs: [
      ["()"],
      ["([)]"],
      [""],
      ["{a[b(c)d]e}"],
      ...Array.from({ length: 3 }, () => [Array.from({ length: randInt(rng, 2, 10) }, () => pickOne(rng, ["(", ")", "[", "]", "{", "}", "x"])).join("")]),
    ],
  }),
  (rng) => ({
    functionName: "sumOfMultiples",
    signature: "sumOfMultiples(limit: number, a: number, b: number): number",
    statement: "Return the sum of all positive integers below limit that are multiples of a or of b (counted once).",
    reference: `function sumOfMultiples(limit, a, b) { let s = 0; for (let n = 1; n < limit; n++) if (n % a === 0 || n % b === 0) s += n; return s; }`,
    inputs: [[10, 3, 5], [1, 2, 3], ...Array.from({ length: 4 }, () => [randInt(rng, 10, 2000), randInt(rng, 2, 9), randInt(rng, 2, 13)])],
  }),
  (rng) => ({
    functionName: "chunk",
    signature: "chunk<T>(items: T[], size: number): T[][]",
    statement: "Split an array into consecutive chunks of the given size; the last chunk holds what is left.",
    reference: `function chunk(items, size) { const out = []; for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size)); return out; }`,
    inputs: [[[], 3], ...Array.from({ length: 5 }, () => [Array.from({ length: randInt(rng, 1, 11) }, () => randInt(rng, 0, 99)), randInt(rng, 1, 4)])],
  }),
  (rng) => ({
    functionName: "romanToInt",
    signature: "romanToInt(numeral: string): number",
    statement: "Convert a Roman numeral (I, V, X, L, C, D, M with subtractive pairs such as IV and CM) to an integer.",
    reference: `function romanToInt(numeral) { const v = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 }; let total = 0; for (let i = 0; i < numeral.length; i++) { const cur = v[numeral[i]], next = v[numeral[i + 1]] ?? 0; total += cur < next ? -cur : cur; } return total; }`,
    inputs: [["III"], ["IV"], ["MCMXCIV"], ...Array.from({ length: 3 }, () => [toRoman(randInt(rng, 1, 3999))])],
  }),
  (rng) => ({
    functionName: "mergeIntervals",
    signature: "mergeIntervals(intervals: [number, number][]): [number, number][]",
    statement: "Merge overlapping or touching closed intervals and return them sorted by start.",
    reference: `function mergeIntervals(intervals) { const sorted = intervals.map((x) => [...x]).sort((a, b) => a[0] - b[0] || a[1] - b[1]); const out = []; for (const iv of sorted) { const last = out[out.length - 1]; if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]); else out.push(iv); } return out; }`,
    inputs: [
      [[]],
      [
        [
          [1, 3],
          [2, 6],
          [8, 10],
        ],
      ],
      ...Array.from({ length: 4 }, () => [
        Array.from({ length: randInt(rng, 1, 6) }, () => {
          const s = randInt(rng, 0, 30);
          return [s, s + randInt(rng, 0, 8)];
        }),
      ]),
    ],
  }),
];

function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [value, symbol] of table) {
    while (n >= value) {
      out += symbol;
      n -= value;
    }
  }
  return out;
}

export function codeProblem(rng: Rng): CodeProblem {
  return pickOne(rng, PROBLEMS)(rng);
}

/** Runs the reference on each input. The reference is our own code, never generated, so running it here is safe. */
export function expectedOutputs(problem: CodeProblem): unknown[] {
  const fn = new Function(`${problem.reference}; return ${problem.functionName};`)() as (...args: unknown[]) => unknown;
  return problem.inputs.map((args) => JSON.parse(JSON.stringify(fn(...structuredClone(args)))));
}

export const CODE_LANGUAGES = ["javascript", "python"] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/**
 * Each problem in Python: its Python name, signature and reference. The
 * hidden tests' expected values still come from the JavaScript reference; the
 * sandbox test (sandbox-compat.test.ts) checks that both references agree.
 */
const PYTHON: Record<string, { functionName: string; signature: string; reference: string }> = {
  slugify: {
    functionName: "slugify",
    signature: "slugify(text: str) -> str",
    reference: `import re

def slugify(text):
    return re.sub(r"^-+|-+$", "", re.sub(r"[^a-z0-9]+", "-", text.lower()))
`,
  },
  runLengthEncode: {
    functionName: "run_length_encode",
    signature: "run_length_encode(text: str) -> str",
    reference: `def run_length_encode(text):
    out = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i]:
            j += 1
        out.append(f"{j - i}{text[i]}")
        i = j
    return "".join(out)
`,
  },
  isBalanced: {
    functionName: "is_balanced",
    signature: "is_balanced(text: str) -> bool",
    reference: `def is_balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in text:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack
`,
  },
  sumOfMultiples: {
    functionName: "sum_of_multiples",
    signature: "sum_of_multiples(limit: int, a: int, b: int) -> int",
    reference: `def sum_of_multiples(limit, a, b):
    return sum(n for n in range(1, limit) if n % a == 0 or n % b == 0)
`,
  },
  chunk: {
    functionName: "chunk",
    signature: "chunk(items: list, size: int) -> list[list]",
    reference: `def chunk(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]
`,
  },
  romanToInt: {
    functionName: "roman_to_int",
    signature: "roman_to_int(numeral: str) -> int",
    reference: `def roman_to_int(numeral):
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(numeral):
        cur = values[ch]
        nxt = values[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -cur if cur < nxt else cur
    return total
`,
  },
  mergeIntervals: {
    functionName: "merge_intervals",
    signature: "merge_intervals(intervals: list[list[int]]) -> list[list[int]]",
    reference: `def merge_intervals(intervals):
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out
`,
  },
};

/** The problem as it is posed in `language`: the same inputs and statement, that language's name, signature and reference. */
export function inLanguage(problem: CodeProblem, language: CodeLanguage): CodeProblem {
  if (language === "javascript") return problem;
  const python = PYTHON[problem.functionName];
  if (!python) throw new Error(`${problem.functionName} has no Python version`);
  return { ...problem, ...python };
}
