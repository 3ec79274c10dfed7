import { Prisma, type Db } from "../db/client";

// pass^k as tau-bench defines it: the chance that k episodes of a task drawn
// from its n judged episodes, c of them successful, all succeed:
// C(c, k) / C(n, k). Judged means an effective verdict; episodes whose
// failure was the infrastructure's are left out.

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** pass^k for k = 1..n; null for a k larger than the episodes judged. */
export function passHatK(n: number, c: number, k: number): number | null {
  if (k < 1 || k > n) return null;
  return choose(c, k) / choose(n, k);
}

export type TaskPassK = {
  taskId: string;
  n: number;
  successes: number;
  /** pass^1 … pass^k (index 0 is pass^1) */
  passAtK: (number | null)[];
  /** no episode solves it, or every episode does */
  flag: "never_solved" | "always_solved" | null;
};

export async function taskPassK(db: Db, k: number, taskIds?: string[]): Promise<TaskPassK[]> {
  const rows = await db.$queryRaw<{ taskId: string; n: bigint; c: bigint }[]>`
    SELECT "taskId", count(*) AS n, count(*) FILTER (WHERE "effectiveVerdict" = 'accepted') AS c
    FROM "Trajectory"
    WHERE "taskId" IS NOT NULL AND "effectiveVerdict" IS NOT NULL AND "blame" IS DISTINCT FROM 'infrastructure'
      AND (${taskIds ?? null}::text[] IS NULL OR "taskId" = ANY(${taskIds ?? null}::text[]))
    GROUP BY "taskId" ORDER BY "taskId"`;
  return rows.map((r) => {
    const n = Number(r.n);
    const c = Number(r.c);
    return {
      taskId: r.taskId,
      n,
      successes: c,
      passAtK: Array.from({ length: k }, (_, i) => passHatK(n, c, i + 1)),
      flag: c === 0 ? "never_solved" : c === n ? "always_solved" : null,
    };
  });
}

/** Pages show pass^k up to this k. */
export const SHOWN_K = 5;

/** pass^1 … pass^n of each given task (n its judged episodes, at most SHOWN_K), keyed by task id; a task with no judged episode is absent. */
export async function passKByTask(db: Db, taskIds: string[]): Promise<Record<string, TaskPassK>> {
  if (taskIds.length === 0) return {};
  const rows = await taskPassK(db, SHOWN_K, [...new Set(taskIds)]);
  return Object.fromEntries(rows.map((r) => [r.taskId, { ...r, passAtK: r.passAtK.slice(0, Math.min(r.n, SHOWN_K)) }]));
}

export const solvedBands = ["never", "sometimes", "always"] as const;
export type SolvedBand = (typeof solvedBands)[number];

/** The tasks no judged episode solves, some solve, or every one solves. */
export async function taskIdsSolved(db: Db, band: SolvedBand): Promise<string[]> {
  const flag = { never: "never_solved", always: "always_solved", sometimes: null }[band];
  return (await taskPassK(db, 1)).filter((t) => t.flag === flag).map((t) => t.taskId);
}

/** The tasks whose success rate over their judged episodes (successes ÷ episodes) lies between `min` and `max`, both included. */
export async function taskIdsBySuccessRate(db: Db, min: number, max: number): Promise<string[]> {
  return (await taskPassK(db, 1)).filter((t) => t.successes / t.n >= min && t.successes / t.n <= max).map((t) => t.taskId);
}

/**
 * One page of the given tasks ordered by pass^k, computed in the database
 * (C(c,k)/C(n,k) as a product of k ratios); tasks with fewer than k judged
 * episodes have no pass^k and come last, ties break on more episodes, then id.
 */
export async function pageByPassK(db: Db, taskIds: string[], opts: { k: number; dir: "asc" | "desc"; skip: number; take: number }): Promise<string[]> {
  if (taskIds.length === 0) return [];
  const direction = opts.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH judged AS (
      SELECT "taskId", count(*)::int AS n, (count(*) FILTER (WHERE "effectiveVerdict" = 'accepted'))::int AS c
      FROM "Trajectory"
      WHERE "taskId" = ANY(${taskIds}::text[]) AND "effectiveVerdict" IS NOT NULL AND "blame" IS DISTINCT FROM 'infrastructure'
      GROUP BY "taskId"
    )
    SELECT t.id FROM unnest(${taskIds}::text[]) AS t(id)
    LEFT JOIN judged j ON j."taskId" = t.id
    ORDER BY
      CASE WHEN j.n IS NULL OR j.n < ${opts.k} THEN NULL
           WHEN j.c < ${opts.k} THEN 0
           ELSE (SELECT exp(sum(ln((j.c - i)::float8 / (j.n - i)))) FROM generate_series(0, ${opts.k} - 1) AS i)
      END ${direction} NULLS LAST,
      j.n DESC NULLS LAST, t.id
    OFFSET ${opts.skip} LIMIT ${opts.take}`;
  return rows.map((r) => r.id);
}
