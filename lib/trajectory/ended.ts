import type { Prisma } from "../db/client";

/**
 * Trajectories whose episode has ended. An episode is stored as it happens
 * with an empty endReason until it ends (lib/trajectory/store.ts),
 * so one in progress, or one whose episode failed, is for no one to judge,
 * review or export. Imported trajectories arrive whole.
 */
export const EPISODE_ENDED = { OR: [{ endReason: { not: "" } }, { imported: true }] } satisfies Prisma.TrajectoryWhereInput;

/**
 * The end of an episode the infrastructure stopped (its endpoint or model kept
 * failing past the gateway's retries; `endError` says how). The judge blames
 * the infrastructure without judging the agent, datasets leave it out, and
 * retrying its run continues it from its last stored step.
 */
export const INFRASTRUCTURE_FAILED = "infrastructure_failed";
