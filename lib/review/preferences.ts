import "server-only";
import type { Result } from "../actions/result";
import { z } from "zod";
import type { Db, PreferenceChoice } from "../db/client";

// A preference says which of two trajectories is better, or that they tie,
// and why. Pairs are a fork beside its parent or two ended episodes of one
// task. Preferences are appended, never changed: a pair's latest one counts.
// Rows keep the pair in id order; callers speak of their own A and B.

export const preferenceInputSchema = z.object({
  aId: z.string().min(1).max(64),
  bId: z.string().min(1).max(64),
  /** relative to the order given: "a" means aId is better */
  choice: z.enum(["a", "b", "tie"]),
  reason: z.string().trim().min(1, "Say why: the reason is what people and trainers read later").max(5_000),
});
export type PreferenceInput = z.input<typeof preferenceInputSchema>;
export type PreferenceResult = Result<{ id: string }>;

const flip = (c: PreferenceChoice): PreferenceChoice => (c === "a" ? "b" : c === "b" ? "a" : "tie");

/** The stored order of a pair, and whether it is the given one. */
function stored(aId: string, bId: string) {
  return aId < bId ? { aId, bId, swapped: false } : { aId: bId, bId: aId, swapped: true };
}

/** Why two trajectories cannot be a preference pair, or null when they can. */
export async function pairProblem(db: Pick<Db, "trajectory">, aId: string, bId: string): Promise<string | null> {
  if (aId === bId) return "A trajectory cannot be compared with itself.";
  const rows = await db.trajectory.findMany({
    where: { id: { in: [aId, bId] } },
    select: { id: true, taskId: true, parentId: true, endReason: true, imported: true },
  });
  const [a, b] = [rows.find((r) => r.id === aId), rows.find((r) => r.id === bId)];
  if (!a || !b) return "One of the trajectories no longer exists.";
  if (![a, b].every((t) => t.endReason !== "" || t.imported)) return "Both episodes must have ended before one can be preferred.";
  const forked = a.parentId === b.id || b.parentId === a.id;
  const sameTask = a.taskId !== null && a.taskId === b.taskId;
  return forked || sameTask ? null : "A preference compares a fork with its parent, or two episodes of the same task.";
}

export async function recordPreference(db: Db, reviewerId: string, input: PreferenceInput): Promise<PreferenceResult> {
  const p = preferenceInputSchema.parse(input);
  const problem = await pairProblem(db, p.aId, p.bId);
  if (problem) return { ok: false, error: problem };
  const pair = stored(p.aId, p.bId);
  const row = await db.preference.create({
    data: { aId: pair.aId, bId: pair.bId, choice: pair.swapped ? flip(p.choice) : p.choice, reason: p.reason, reviewerId },
    select: { id: true },
  });
  return { ok: true, id: row.id };
}

/** The pair's preferences, newest first, with `choice` relative to the order asked for. */
export async function listPreferences(db: Pick<Db, "preference">, aId: string, bId: string) {
  const pair = stored(aId, bId);
  const rows = await db.preference.findMany({
    where: { aId: pair.aId, bId: pair.bId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: { reviewer: { select: { id: true, name: true } } },
  });
  return rows.map((r) => ({ ...r, choice: pair.swapped ? flip(r.choice) : r.choice }));
}
export type PreferenceRow = Awaited<ReturnType<typeof listPreferences>>[number];

/** Every pair's latest preference (the one that counts), oldest pair first. */
export async function latestPreferences(db: Pick<Db, "$queryRaw">) {
  return db.$queryRaw<{ id: string; aId: string; bId: string; choice: PreferenceChoice; reason: string; reviewerId: string; createdAt: Date }[]>`
    SELECT * FROM (
      SELECT DISTINCT ON ("aId", "bId") "id", "aId", "bId", "choice", "reason", "reviewerId", "createdAt"
      FROM "Preference" ORDER BY "aId", "bId", "createdAt" DESC, "id" DESC
    ) latest ORDER BY "createdAt", "id"`;
}

/** Other ended episodes of the trajectory's task (its parent and forks first), to compare it with. */
export async function comparableEpisodes(db: Pick<Db, "trajectory">, id: string, take = 20) {
  const t = await db.trajectory.findUnique({ where: { id }, select: { taskId: true, parentId: true } });
  if (!t) return [];
  const related = [...(t.parentId ? [{ id: t.parentId }] : []), { parentId: id }];
  const rows = await db.trajectory.findMany({
    where: { id: { not: id }, OR: [...related, ...(t.taskId ? [{ taskId: t.taskId }] : [])], AND: [{ OR: [{ endReason: { not: "" } }, { imported: true }] }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, parentId: true, model: true, effectiveVerdict: true, createdAt: true },
  });
  const kin = (r: (typeof rows)[number]) => (r.id === t.parentId ? 0 : r.parentId === id ? 1 : 2);
  return rows.sort((x, y) => kin(x) - kin(y)).map((r) => ({ ...r, relation: (["parent", "fork", "same task"] as const)[kin(r)] }));
}
