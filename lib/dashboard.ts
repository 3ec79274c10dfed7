import type { Db, Verdict } from "./db/client";
import { cohensKappa, type ConfusionMatrix } from "./judge/agreement";
import { runProgress } from "./jobs/progress";

export type PipelineCounts = Awaited<ReturnType<typeof pipelineCounts>>;

type TrajectoryCounts = { trajectories: number; judged: number; accepted: number; reviewed: number; judgedAccepted: number; judgedAcceptedReviewed: number };

/** Every trajectory count the dashboard shows, in one pass over the table. */
async function trajectoryCounts(db: Db): Promise<TrajectoryCounts> {
  const [row] = await db.$queryRaw<Record<keyof TrajectoryCounts, bigint>[]>`
    SELECT count(*) AS "trajectories",
      count("judgeVerdict") AS "judged",
      count(*) FILTER (WHERE "effectiveVerdict" = 'accepted') AS "accepted",
      count("humanVerdict") AS "reviewed",
      count(*) FILTER (WHERE "judgeVerdict" IS NOT NULL AND "effectiveVerdict" = 'accepted') AS "judgedAccepted",
      count(*) FILTER (WHERE "judgeVerdict" IS NOT NULL AND "effectiveVerdict" = 'accepted' AND "humanVerdict" IS NOT NULL) AS "judgedAcceptedReviewed"
    FROM "Trajectory"`;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as TrajectoryCounts;
}

/** How much each stage of the pipeline has produced so far. */
export async function pipelineCounts(db: Db) {
  const [sources, realTools, syntheticTools, acceptedTools, categories, agents, tasks, trajectories, datasets, activeRuns] = await Promise.all([
    db.toolSource.count(),
    db.tool.count({ where: { origin: "real" } }),
    db.tool.count({ where: { origin: "synthetic" } }),
    db.tool.count({ where: { quality: "accepted" } }),
    db.category.count(),
    db.agent.count(),
    db.task.count(),
    trajectoryCounts(db),
    db.dataset.count(),
    db.run.count({ where: { status: { in: ["queued", "running", "paused"] } } }),
  ]);
  return { sources, realTools, syntheticTools, acceptedTools, categories, agents, tasks, ...trajectories, datasets, activeRuns };
}

/**
 * How one step of the funnel follows from the one before: a fan-out ("per")
 * from tools to agents to tasks to trajectories, a share ("of") after that.
 */
export type Conversion = { kind: "per" | "share"; ratio: number | null; of: string };

export type FunnelStep = { key: string; label: string; count: number; href: string; meaning: string; conversion: Conversion | null };

const ratio = (count: number, previous: number) => (previous === 0 ? null : count / previous);

/**
 * The funnel from tools to reviewed trajectories. From "judged" on each step
 * is a subset of the one before: judged trajectories, those of them whose
 * effective verdict is accepted (a person may have overturned the judge),
 * and those of them a person has labelled.
 */
export function funnelSteps(c: PipelineCounts): FunnelStep[] {
  const tools = c.realTools + c.syntheticTools;
  const steps: Omit<FunnelStep, "conversion">[] = [
    { key: "tools", label: "Tools", count: tools, href: "/tools", meaning: "real and synthetic tool specs" },
    { key: "agents", label: "Agents", count: c.agents, href: "/agents", meaning: "system prompts with tool sets" },
    { key: "tasks", label: "Tasks", count: c.tasks, href: "/tasks", meaning: "goals with rubrics" },
    { key: "trajectories", label: "Trajectories", count: c.trajectories, href: "/trajectories", meaning: "simulated or imported episodes" },
    { key: "judged", label: "Judged", count: c.judged, href: "/trajectories?judge=any", meaning: "with a judge verdict" },
    {
      key: "accepted",
      label: "Accepted",
      count: c.judgedAccepted,
      href: "/trajectories?verdict=accepted&judge=any",
      meaning: "judged, effective verdict accepted",
    },
    {
      key: "reviewed",
      label: "Reviewed",
      count: c.judgedAcceptedReviewed,
      href: "/trajectories?verdict=accepted&judge=any&human=any",
      meaning: "accepted, and a person agreed",
    },
  ];
  const units = ["tool", "agent", "task"];
  return steps.map((s, i) => {
    if (i === 0) return { ...s, conversion: null };
    const previous = steps[i - 1];
    const kind = i <= units.length ? "per" : "share";
    return { ...s, conversion: { kind, ratio: ratio(s.count, previous.count), of: kind === "per" ? units[i - 1] : previous.label.toLowerCase() } };
  });
}

const VERDICTS: Verdict[] = ["accepted", "rejected"];

export type JudgeHumanAgreement = {
  /** trajectories with both a judge verdict and a person's label */
  n: number;
  /** share where the latest review has the judge's latest verdict; null without items */
  accuracy: number | null;
  kappa: number | null;
  /** rows: the person's label, columns: the judge's */
  matrix: ConfusionMatrix<Verdict>;
};

/**
 * The judge's latest verdict against the latest review, over every labelled
 * trajectory whatever judge configuration judged it (the Calibration page has
 * it per configuration). Counted on the trajectory's derived verdicts.
 */
export async function judgeHumanAgreement(db: Db): Promise<JudgeHumanAgreement> {
  const groups = await db.trajectory.groupBy({
    by: ["humanVerdict", "judgeVerdict"],
    // an infrastructure failure says nothing about the judge or the agent
    where: { judgeVerdict: { not: null }, humanVerdict: { not: null }, OR: [{ blame: null }, { blame: { not: "infrastructure" } }] },
    _count: { _all: true },
  });
  const counts = VERDICTS.map((human) => VERDICTS.map((judge) => groups.find((g) => g.humanVerdict === human && g.judgeVerdict === judge)?._count._all ?? 0));
  const n = counts.flat().reduce((a, b) => a + b, 0);
  const agreed = VERDICTS.reduce((s, _, i) => s + counts[i][i], 0);
  return { n, accuracy: n === 0 ? null : agreed / n, kappa: cohensKappa(counts), matrix: { labels: VERDICTS, counts } };
}

export const RECENT_RUNS = 8;

/** The latest runs of any kind, newest first, as the Runs page shows them. */
export async function recentRuns(db: Db, take = RECENT_RUNS) {
  const runs = await db.run.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
  return runs.map((r) => runProgress(r));
}

/** Everything the dashboard page reads. */
export async function dashboardData(db: Db) {
  const [counts, agreement, runs] = await Promise.all([pipelineCounts(db), judgeHumanAgreement(db), recentRuns(db)]);
  return { counts, funnel: funnelSteps(counts), agreement, runs };
}
