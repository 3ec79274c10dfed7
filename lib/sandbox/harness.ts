// The program the sandbox runs for a code task. It reads task.json
// ({ language, solution, tests: [{ name, code }], testTimeoutMs }), runs each
// test in a fresh vm context holding the solution's declarations, and writes
// one JSON line of results to fd 3. The vm is not the security boundary (the
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

async function runTest(test) {
  const logs = [];
  const log = (...args) => { if (logs.length < 50) logs.push(args.map((a) => typeof a === "string" ? a : util.inspect(a)).join(" ")); };
  const module = { exports: {} };
  const context = vm.createContext({
    assert, require: safeRequire, module, exports: module.exports,
    console: { log, info: log, warn: log, error: log, debug: log },
    setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, structuredClone, URL, TextEncoder, TextDecoder,
  });
  const source = "(async () => {\n" + solution + "\n;\n" + test.code + "\n})()";
  const started = Date.now();
  try {
    const promise = vm.runInContext(source, context, { timeout: spec.testTimeoutMs, filename: "solution.js" });
    let timer;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("test timed out after " + spec.testTimeoutMs + " ms")), spec.testTimeoutMs); });
    await Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
    return { name: test.name, passed: true, ms: Date.now() - started, logs };
  } catch (e) {
    return { name: test.name, passed: false, message: message(e), ms: Date.now() - started, logs };
  }
}

(async () => {
  const results = [];
  for (const test of spec.tests) {
    results.push(await runTest(test));
    report({ partial: results.at(-1) });
  }
  report({ done: true });
  process.exit(0);
})();
`;
