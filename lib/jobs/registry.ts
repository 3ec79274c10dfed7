import type { RunKind } from "../db/client";
import { noopStage } from "./noop-stage";
import type { Stage } from "./types";

// Every stage the worker can run. A stage module registers here, nowhere else.
const stages: Stage[] = [noopStage as unknown as Stage];

export const stageRegistry = new Map<RunKind, Stage>(stages.map((s) => [s.kind, s]));

export function getStage(kind: RunKind): Stage {
  const stage = stageRegistry.get(kind);
  if (!stage) throw new Error(`No stage is registered for run kind "${kind}"`);
  return stage;
}
