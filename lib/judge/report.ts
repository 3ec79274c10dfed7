import type { Db } from "../db/client";
import { judgeHumanAgreement, pipelineCounts } from "../dashboard";
import { blameCounts } from "./blame-counts";
import { taskPassK } from "./pass-k";
import { FLAGGED_FOR_REVIEW } from "./task-review-flag";
import { EPISODE_ENDED } from "../trajectory/ended";

// The workspace in one JSON object, for scripts and checks
// (`npm run studio -- report --json`).

/** Trajectories whose latest judgement ran the state layer, and how many of them passed it. */
async function stateCounts(db: Db): Promise<{ judged: number; passed: number }> {
  const [row] = await db.$queryRaw<{ judged: bigint; passed: bigint }[]>`
    SELECT count(*) FILTER (WHERE s IN ('passed', 'failed')) AS judged, count(*) FILTER (WHERE s = 'passed') AS passed
    FROM (SELECT DISTINCT ON ("trajectoryId") state->>'status' AS s FROM "Judgement" ORDER BY "trajectoryId", "createdAt" DESC, id DESC) latest`;
  return { judged: Number(row.judged), passed: Number(row.passed) };
}

export async function workspaceReport(db: Db, opts: { k?: number } = {}) {
  const [counts, verdicts, blames, state, agreement, flagged] = await Promise.all([
    pipelineCounts(db),
    db.trajectory.groupBy({ by: ["effectiveVerdict"], _count: { _all: true } }),
    blameCounts(db),
    stateCounts(db),
    judgeHumanAgreement(db),
    db.trajectory.count({ where: { AND: [FLAGGED_FOR_REVIEW, EPISODE_ENDED] } }),
  ]);
  const mostEpisodes = await db.$queryRaw<
    { n: bigint | null }[]
  >`SELECT max(n) AS n FROM (SELECT count(*) AS n FROM "Trajectory" WHERE "taskId" IS NOT NULL AND "effectiveVerdict" IS NOT NULL GROUP BY "taskId") t`;
  const k = opts.k ?? Math.max(1, Number(mostEpisodes[0]?.n ?? 1));
  const tasks = await taskPassK(db, k);
  const mean = Array.from({ length: k }, (_, i) => {
    const known = tasks.map((t) => t.passAtK[i]).filter((v): v is number => v !== null);
    return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
  });
  const verdict = (v: string | null) => verdicts.find((g) => g.effectiveVerdict === v)?._count._all ?? 0;
  return {
    stages: {
      sources: counts.sources,
      tools: { real: counts.realTools, synthetic: counts.syntheticTools, accepted: counts.acceptedTools },
      categories: counts.categories,
      agents: counts.agents,
      tasks: counts.tasks,
      trajectories: counts.trajectories,
      judged: counts.judged,
      reviewed: counts.reviewed,
      datasets: counts.datasets,
    },
    trajectories: {
      by_effective_verdict: { accepted: verdict("accepted"), rejected: verdict("rejected"), none: verdict(null) },
      by_blame: blames,
      state: state,
      flagged_for_review: flagged,
    },
    tasks: {
      k,
      judged: tasks.length,
      never_solved: tasks.filter((t) => t.flag === "never_solved").length,
      always_solved: tasks.filter((t) => t.flag === "always_solved").length,
      mean_pass_at_k: mean,
      per_task: tasks.map((t) => ({ task_id: t.taskId, episodes: t.n, successes: t.successes, pass_at_k: t.passAtK, flag: t.flag })),
    },
    agreement: { n: agreement.n, accuracy: agreement.accuracy, kappa: agreement.kappa, matrix: agreement.matrix },
  };
}
export type WorkspaceReport = Awaited<ReturnType<typeof workspaceReport>>;

export const REPORT_USAGE = "report --json [--k N]   one JSON object: counts per stage, verdicts, blame, state layer, pass^k per task, judge-human agreement";

export function reportArgs(args: string[]): { k?: number } {
  const out: { k?: number } = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--json") continue;
    if (args[i] === "--k") {
      const k = Number(args[++i]);
      if (!Number.isInteger(k) || k < 1 || k > 100) throw new Error("--k takes a whole number from 1 to 100");
      out.k = k;
      continue;
    }
    throw new Error(`unknown option "${args[i]}": ${REPORT_USAGE}`);
  }
  if (!args.includes("--json")) throw new Error(`only --json is supported: ${REPORT_USAGE}`);
  return out;
}
