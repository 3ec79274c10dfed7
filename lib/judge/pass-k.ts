import type { Db } from "../db/client";

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
