import type { Db, Run, RunKind } from "../db/client";
import { stageConfigs, type StageConfig, type StageConfigSchema } from "./stage-configs";
import { STAGE_TITLES } from "./stage-titles";

/** What a stage gets while it runs: the database, the run row and ways to report. */
export type StageContext = {
  db: Db;
  run: Run;
  /** Aborted when the run is cancelled; pass it to every long call. */
  signal: AbortSignal;
  setTotal(total: number): Promise<void>;
  /** Adds to the run's done/failed counters. */
  advance(done: number, failed?: number): Promise<void>;
  /** Records an error on the run (kept to the last 50) without failing it. */
  recordError(key: string, message: string): Promise<void>;
  /**
   * Runs `work` once per key per run: a key already done (say, before a crash)
   * is skipped, a failure is recorded on the item and counted, not thrown.
   * Counts the item as done or failed. Returns the result id `work` gave, or null.
   */
  item(key: string, work: () => Promise<string | void>): Promise<string | null>;
  log(message: string): Promise<void>;
};

export type Stage<K extends RunKind = RunKind> = {
  kind: K;
  title: string;
  config: StageConfigSchema<K>;
  run(ctx: StageContext, config: StageConfig<K>): Promise<void>;
};

/** A stage of run kind `kind`; its config is that kind's schema in stage-configs.ts, its title the kind's in stage-titles.ts. */
export function defineStage<K extends RunKind>(stage: Omit<Stage<K>, "config" | "title">): Stage<K> {
  return { ...stage, title: STAGE_TITLES[stage.kind], config: stageConfigs[stage.kind] };
}
