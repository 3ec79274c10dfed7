import { createHash } from "node:crypto";
import type { Db } from "../../lib/db/client";

// Every row of the tables an import could touch, as text, so a test can show
// that rows stored before a hostile import are all still there, unchanged.

const TABLES = [
  "user",
  "account",
  "Run",
  "ToolSource",
  "Tool",
  "ToolVersion",
  "Category",
  "Agent",
  "Task",
  "Trajectory",
  "Message",
  "Judgement",
  "Review",
  "Dataset",
  "Setting",
] as const;

export type Snapshot = Record<(typeof TABLES)[number], string[]>;

export async function snapshotRows(db: Db): Promise<Snapshot> {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      // table names come from the list above, never from input
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`select t::text as row from "${table}" t`);
      return [table, rows.map((r) => hash(r.row)).sort()] as const;
    }),
  );
  return Object.fromEntries(entries) as Snapshot;
}

/** Rows of `before` that are missing from `after` (changed or deleted), by table; empty when all are intact. */
export function changedRows(before: Snapshot, after: Snapshot): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const table of TABLES) {
    const now = new Set(after[table]);
    const missing = before[table].filter((h) => !now.has(h)).length;
    if (missing) changed[table] = missing;
  }
  return changed;
}

export function rowCounts(s: Snapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(s).map(([t, rows]) => [t, rows.length]));
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex");
