import type { Db } from "../db/client";

/** Keys of the items a run has finished, so a resumed stage does not even prepare them again. */
export async function doneItemKeys(db: Db, runId: string): Promise<Set<string>> {
  const items = await db.runItem.findMany({ where: { runId, status: "done" }, select: { key: true } });
  return new Set(items.map((i) => i.key));
}

/** Keys of the items a run started but did not finish: only these may have left work behind. */
export async function unfinishedItemKeys(db: Db, runId: string): Promise<Set<string>> {
  const items = await db.runItem.findMany({ where: { runId, status: { not: "done" } }, select: { key: true } });
  return new Set(items.map((i) => i.key));
}
