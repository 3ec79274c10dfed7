import type { Db } from "./db/client";

export type PipelineCounts = Awaited<ReturnType<typeof pipelineCounts>>;

/** How much each stage of the pipeline has produced so far. */
export async function pipelineCounts(db: Db) {
  const [sources, realTools, syntheticTools, acceptedTools, categories, agents, tasks, trajectories, judged, accepted, reviewed, datasets, activeRuns] =
    await Promise.all([
      db.toolSource.count(),
      db.tool.count({ where: { origin: "real" } }),
      db.tool.count({ where: { origin: "synthetic" } }),
      db.tool.count({ where: { quality: "accepted" } }),
      db.category.count(),
      db.agent.count(),
      db.task.count(),
      db.trajectory.count(),
      db.trajectory.count({ where: { judgeVerdict: { not: null } } }),
      db.trajectory.count({ where: { effectiveVerdict: "accepted" } }),
      db.trajectory.count({ where: { humanVerdict: { not: null } } }),
      db.dataset.count(),
      db.run.count({ where: { status: { in: ["queued", "running"] } } }),
    ]);
  return { sources, realTools, syntheticTools, acceptedTools, categories, agents, tasks, trajectories, judged, accepted, reviewed, datasets, activeRuns };
}
