import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importClosure, LIB, sourceFiles } from "../test/import-graph";
import { stageConfigs } from "./jobs/stage-configs";
import { stages } from "./pipeline";

describe("the pipeline's composition root", () => {
  it("registers one stage for every run kind, taking that kind's config schema", () => {
    expect([...stages.keys()].sort()).toEqual(Object.keys(stageConfigs).sort());
    for (const [kind, stage] of stages) expect(stage.config, kind).toBe(stageConfigs[kind]);
  });

  it("is not loaded to start a run: the config schemas load no stage, no worker", () => {
    const stageModules = sourceFiles(LIB).filter((f) => /\bdefineStage\(\{/.test(readFileSync(f, "utf8")));
    expect(stageModules.length).toBeGreaterThanOrEqual(12);
    const loaded = importClosure(path.join(LIB, "jobs", "runs.ts"));
    const pipeline = [path.join(LIB, "pipeline.ts"), path.join(LIB, "jobs", "worker.ts"), ...stageModules];
    expect(pipeline.filter((f) => loaded.has(f)).map((f) => path.relative(LIB, f))).toEqual([]);
  });
});
