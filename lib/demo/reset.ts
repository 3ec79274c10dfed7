import type { Db } from "../db/client";

/**
 * Deletes everything the pipeline made (tools, sources, categories, agents,
 * tasks, trajectories with their judgements and reviews, datasets, runs,
 * queues, the LLM call log and cache). People, settings and prices stay.
 */
export async function resetWorkspace(db: Db): Promise<void> {
  await db.$transaction([
    db.reviewAssignment.deleteMany(),
    db.reviewQueue.deleteMany(),
    db.review.deleteMany(),
    db.judgement.deleteMany(),
    db.message.deleteMany(),
    db.trajectory.deleteMany(),
    db.task.deleteMany(),
    db.agentTool.deleteMany(),
    db.agent.deleteMany(),
    db.toolVersion.deleteMany(),
    db.tool.deleteMany(),
    db.category.deleteMany(),
    db.toolSource.deleteMany(),
    db.dataset.deleteMany(),
    db.llmCall.deleteMany(),
    db.llmCacheEntry.deleteMany(),
    db.runItem.deleteMany(),
    db.run.deleteMany(),
  ]);
}

/** A studio that has never run anything gets the demo workspace on its first start. */
export async function isPristine(db: Db): Promise<boolean> {
  return (await db.run.count()) === 0 && (await db.tool.count()) === 0;
}
