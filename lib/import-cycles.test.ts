import path from "node:path";
import { describe, expect, it } from "vitest";
import { findCycles, importsOf, LIB, sourceFiles } from "../test/import-graph";

// lib/ imports downward only: a module that imports, through any chain, a
// module that imports it back loads half-initialised and ties layers together.

describe("lib/ imports", () => {
  it("finds a cycle when there is one", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
    ]);
    expect(findCycles(graph)).toEqual([["a", "b", "c", "a"]]);
    expect(
      findCycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("reads imports, re-exports and type-only imports, not other strings", () => {
    const file = path.join(LIB, "jobs", "worker.ts");
    const found = importsOf(
      file,
      `import type { Stage } from "./types";\nexport { STAGE_QUEUE } from "./queue";\nimport { z } from "zod";\nconst s = "./context";`,
    );
    expect(found.map((f) => path.relative(LIB, f))).toEqual([path.join("jobs", "types.ts"), path.join("jobs", "queue.ts")]);
  });

  it("have no cycle", () => {
    const graph = new Map(sourceFiles(LIB).map((f) => [f, importsOf(f)]));
    const cycles = findCycles(graph).map((c) => c.map((f) => path.relative(path.dirname(LIB), f)).join(" → "));
    expect(cycles).toEqual([]);
  });
});
