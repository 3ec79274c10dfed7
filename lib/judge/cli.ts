import { parseArgs } from "node:util";
import { withDb, type CliDeps } from "../cli";
import { createDb, type Db } from "../db/client";
import { resolveDatabase } from "../db/connect";
import { migrate } from "../db/migrate";
import { isParked, runBudgetSchema } from "../jobs/budget-schema";
import { startAndFollow, withQueue } from "../jobs/follow";
import { calibrate } from "./calibration";
import { judgeStageConfigSchema } from "./config";
import { reportArgs, workspaceReport } from "./report";

export const JUDGE_USAGE = `judge [--run <simulate run id> | --ids <id,id,…> | --unjudged] [--samples N] [--min-score 0.6] [--skip-rubric-when-rejected] [--concurrency 16] [--limit N] [--batch] [--budget-usd N] [--budget-tokens N]
  judge --calibration     agreement with people per judge configuration`;

/** Parses the command line into the stage's config; a wrong option is an error meant for the user. */
export function judgeConfigFromArgs(args: string[]) {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      run: { type: "string" },
      ids: { type: "string" },
      unjudged: { type: "boolean" },
      samples: { type: "string" },
      "min-score": { type: "string" },
      "skip-rubric-when-rejected": { type: "boolean" },
      concurrency: { type: "string" },
      limit: { type: "string" },
      batch: { type: "boolean" },
      "budget-usd": { type: "string" },
      "budget-tokens": { type: "string" },
      calibration: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const target = values.run
    ? { kind: "run", runId: values.run }
    : values.ids
      ? { kind: "ids", ids: values.ids.split(",").filter(Boolean) }
      : { kind: "unjudged" };
  const samples = num(values.samples);
  const parsed = judgeStageConfigSchema.safeParse({
    target,
    rubric: { ...(samples ? { samples, temperature: samples > 1 ? 0.7 : 0 } : {}) },
    filter: { ...(values["min-score"] ? { minScore: num(values["min-score"]) } : {}), skipRubricWhenRejected: !!values["skip-rubric-when-rejected"] },
    ...(values.concurrency ? { concurrency: num(values.concurrency) } : {}),
    ...(values.limit ? { limit: num(values.limit) } : {}),
    ...(values.batch ? { batch: true } : {}),
  });
  if (!parsed.success) throw new Error(`judge: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}\nusage: ${JUDGE_USAGE}`);
  const budget = runBudgetSchema.safeParse({ usd: values["budget-usd"], tokens: values["budget-tokens"] });
  if (!budget.success) throw new Error(`judge: budget: ${budget.error.issues.map((i) => i.message).join("; ")}\nusage: ${JUDGE_USAGE}`);
  return { config: parsed.data, budget: budget.data, calibration: !!values.calibration, help: !!values.help };
}

async function printCalibration(db: Db, print: (line: string) => void) {
  const all = await calibrate(db);
  if (all.length === 0) print("No reviewed trajectory has a judgement yet.");
  for (const c of all) {
    const v = c.verdict;
    print(
      `${c.configHash}  ${c.judgeModel}  prompt ${c.promptVersion}: n=${v.n} accuracy=${v.accuracy?.toFixed(3) ?? "—"} kappa=${v.kappa?.toFixed(3) ?? "undefined"} disagreeing=${v.disagreeing.length}`,
    );
    for (const k of c.criteria) print(`    ${k.id}: n=${k.n} accuracy=${k.accuracy?.toFixed(3) ?? "—"} kappa=${k.kappa?.toFixed(3) ?? "undefined"}`);
  }
}

/** `studio judge …`: queues a judge run, works it in this process beside any other worker, follows it, then prints the verdict counts. */
export async function judgeCommand(args: string[], deps: CliDeps = {}) {
  const { config, budget, calibration, help } = judgeConfigFromArgs(args);
  const print = deps.print ?? console.log;
  if (help) return print(`usage: ${JUDGE_USAGE}`);
  if (calibration) return withDb(deps, (db) => printCalibration(db, print));
  const connections = Math.min(config.concurrency + 4, 40);
  return withQueue(
    deps,
    async (studio) => {
      const run = await startAndFollow("judge", config, budget, { deps: studio, connections });
      const verdicts = await studio.db.judgement.groupBy({ by: ["verdict"], where: { runId: run.id }, _count: true, _sum: { costUsd: true } });
      const count = (v: string) => verdicts.find((x) => x.verdict === v)?._count ?? 0;
      const cost = verdicts.reduce((s, x) => s + (x._sum.costUsd ?? 0), 0);
      print(
        `${run.status}: ${run.done} judged, ${run.failed} failed; ${count("accepted")} accepted, ${count("rejected")} rejected; judge cost $${cost.toFixed(4)}`,
      );
      if (run.status === "failed") throw new Error(run.message ?? "the judge run failed");
      if (isParked(run)) print(`paused: ${run.pausedReason} (studio retry ${run.id} --budget-usd N resumes it)`);
    },
    { connections },
  );
}

/** `report --json`: the workspace as one JSON object on stdout (logs go to stderr). */
export async function reportCommand(args: string[]) {
  const opts = reportArgs(args);
  const { url, embedded } = await resolveDatabase({ start: true, log: (s) => console.error(`[studio] ${s}`) });
  await migrate(url);
  const db = createDb(url, { max: 4 });
  try {
    console.log(JSON.stringify(await workspaceReport(db, opts), null, 2));
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}
