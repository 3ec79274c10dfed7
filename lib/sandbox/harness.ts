// The program the sandbox runs for a code task. It reads task.json
// ({ language, solution, tests: [{ name, code } | { name, value }], testTimeoutMs }),
// runs each test in a fresh vm context holding the solution's declarations,
// and writes one JSON line per test to fd 3. A value test's expression is
// evaluated and its value written as it is ({ json } when JSON holds it
// exactly, else { unlike: its inspection }): the expected value never enters
// the sandbox, the host compares. The vm is not the security boundary (the
// process is); it gives each test a clean global scope and a timeout.
export const HARNESS_SOURCE = String.raw`"use strict";
const fs = require("node:fs");
const vm = require("node:vm");
const assert = require("node:assert");
const util = require("node:util");
const spec = JSON.parse(fs.readFileSync(__dirname + "/task.json", "utf8"));
const report = (obj) => fs.writeSync(3, JSON.stringify(obj) + "\n");

let solution = spec.solution
  .replace(/^\s*export\s+default\s+(?=(async\s+)?(function|class)\b)/gm, "")
  .replace(/^\s*export\s+(?=(async\s+)?(function|class|const|let|var)\b)/gm, "")
  .replace(/^\s*export\s*\{[^}]*\};?\s*$/gm, "");
if (spec.language === "typescript") {
  try {
    solution = require("node:module").stripTypeScriptTypes(solution, { mode: "transform" });
  } catch (e) {
    report({ error: "TypeScript could not be compiled: " + String(e && e.message || e) });
    process.exit(0);
  }
}

const ALLOWED = new Set(["assert", "node:assert", "assert/strict", "node:assert/strict", "util", "node:util"]);
const safeRequire = (name) => {
  if (!ALLOWED.has(name)) throw new Error("require('" + name + "') is not available in the sandbox");
  return require(name);
};
const message = (e) => String((e && e.message) || e).slice(0, 1000);

// JSON holds the value exactly (so deepStrictEqual against a JSON value is equality of the JSON):
// plain objects and dense arrays of finite numbers, strings, booleans and null, from any realm
function exact(v, depth) {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v !== "object" || depth > 100 || Object.getOwnPropertySymbols(v).length) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto === null) return false;
  const base = Object.getPrototypeOf(proto);
  const keys = Object.keys(v);
  if (Array.isArray(v)) {
    if (!Array.isArray(proto) || base === null || Object.getPrototypeOf(base) !== null || keys.length !== v.length) return false;
  } else if (base !== null || Object.prototype.toString.call(v) !== "[object Object]") return false;
  for (const k of keys) {
    const d = Object.getOwnPropertyDescriptor(v, k);
    if (!d || !("value" in d) || !exact(d.value, depth + 1)) return false;
  }
  return true;
}
const describeValue = (v) => exact(v, 0) ? { json: JSON.stringify(v) } : { unlike: util.inspect(v, { depth: 6, breakLength: Infinity }).slice(0, 1000) };

async function runTest(test) {
  const logs = [];
  const log = (...args) => { if (logs.length < 50) logs.push(args.map((a) => typeof a === "string" ? a : util.inspect(a)).join(" ")); };
  const module = { exports: {} };
  const context = vm.createContext({
    assert, require: safeRequire, module, exports: module.exports,
    console: { log, info: log, warn: log, error: log, debug: log },
    setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, structuredClone, URL, TextEncoder, TextDecoder,
  });
  const body = "value" in test ? "return (" + test.value + "\n);" : test.code;
  const source = "(async () => {\n" + solution + "\n;\n" + body + "\n})()";
  const started = Date.now();
  try {
    const promise = vm.runInContext(source, context, { timeout: spec.testTimeoutMs, filename: "solution.js" });
    let timer;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("test timed out after " + spec.testTimeoutMs + " ms")), spec.testTimeoutMs); });
    const value = await Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
    return { ms: Date.now() - started, logs, ...("value" in test ? { value: describeValue(value) } : { passed: true }) };
  } catch (e) {
    return { passed: false, message: message(e), ms: Date.now() - started, logs };
  }
}

(async () => {
  for (const [index, test] of spec.tests.entries()) report({ index, ...(await runTest(test)) });
  report({ done: true });
  process.exit(0);
})();
`;
