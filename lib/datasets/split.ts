import { createHash } from "node:crypto";

/**
 * Whether a task's trajectories go to validation. Decided by hashing the task
 * with the seed, so every trajectory of a task lands on the same side, and the
 * same seed gives the same split on every export.
 */
export function inValidation(taskKey: string, seed: string, fraction: number): boolean {
  if (fraction <= 0) return false;
  const h = createHash("sha256").update(`${seed}\u0000${taskKey}`).digest();
  return h.readUInt32BE(0) / 2 ** 32 < fraction;
}

/** Trajectories without a task (imports) are each their own group. */
export function taskKey(t: { id: string; taskId: string | null }): string {
  return t.taskId ?? `trajectory:${t.id}`;
}
