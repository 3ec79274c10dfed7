import "server-only";
import type { Db } from "../db/client";
import { runProgress, type RunProgress } from "./progress";

// What the Runs pages read.

/** The latest runs with their progress, newest first (the Runs page, and the route it polls). */
export async function latestRuns(db: Db, now = Date.now()): Promise<RunProgress[]> {
  const runs = await db.run.findMany({ orderBy: { createdAt: "desc" }, take: 100 });
  return runs.map((r) => runProgress(r, now));
}

/** What names a run in a page title, or null when there is no such run. */
export function runHeading(db: Db, id: string) {
  return db.run.findUnique({ where: { id }, select: { kind: true, id: true } });
}
