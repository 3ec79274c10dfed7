import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeVersionProblem } from "./node-version";

describe("the Node version check", () => {
  it("refuses a Node older than the minimum with a clear message and accepts it and newer ones", () => {
    expect(nodeVersionProblem("v20.19.5", ">=22.12")).toBe(
      "The studio needs Node.js 22.12 or newer; this is Node.js 20.19.5. Install a newer Node (see the README) and run it again.",
    );
    expect(nodeVersionProblem("v22.11.0", ">=22.12")).toMatch(/needs Node.js 22.12/);
    expect(nodeVersionProblem("v22.12.0", ">=22.12")).toBeNull();
    expect(nodeVersionProblem("v24.1.0", ">=22.12")).toBeNull();
  });

  it("reads the same minimum as the README states, and this Node passes it", () => {
    const engines = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8")).engines.node as string;
    expect(readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8")).toContain(`Node.js ≥ ${engines.replace(">=", "")}`);
    expect(nodeVersionProblem(process.version, engines)).toBeNull();
  });
});
