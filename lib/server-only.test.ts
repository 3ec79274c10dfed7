import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importClosure, LIB, sourceFiles } from "../test/import-graph";

// `import "server-only"` keeps a module out of the browser's bundle, and
// throws wherever React's server build is not the one loading it: the
// command line, the bench and Playwright's helpers run under plain Node. So a
// module marked server-only must not be loaded by any of them.

const ROOT = path.dirname(LIB);
const outsideNext = ["bin", "bench", "scripts", "e2e", "test"].flatMap((dir) => sourceFiles(path.join(ROOT, dir))).filter((f) => !/\.test\.tsx?$/.test(f));
const markedServerOnly = (file: string) => /^import "server-only";$/m.test(readFileSync(file, "utf8"));

describe("server-only modules", () => {
  it("are some: the query modules the pages read through", () => {
    const marked = sourceFiles(LIB).filter(markedServerOnly);
    for (const area of ["catalog", "synthesis", "jobs", "datasets", "judge"]) expect(marked).toContain(path.join(LIB, area, "queries.ts"));
  });

  it("are not loaded by the command line, the bench, scripts or test helpers", () => {
    const loaded = [...importClosure(outsideNext, { runtime: true })].filter(markedServerOnly).map((f) => path.relative(ROOT, f));
    expect(loaded).toEqual([]);
  });
});
