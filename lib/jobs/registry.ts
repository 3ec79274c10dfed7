import type { RunKind } from "../db/client";
import type { Stage } from "./types";

/** The stages a worker can run, by kind. The studio's are put together in lib/pipeline.ts. */
export type StageRegistry = ReadonlyMap<RunKind, Stage>;

export function stageRegistry(stages: Stage[]): StageRegistry {
  return new Map(stages.map((s) => [s.kind, s]));
}

export function getStage(stages: StageRegistry, kind: RunKind): Stage {
  const stage = stages.get(kind);
  if (!stage) throw new Error(`No stage is registered for run kind "${kind}"`);
  return stage;
}
