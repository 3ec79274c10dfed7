import { z } from "zod";
import type { Db } from "../db/client";

// A stage's outcome per unit (category, agent slot …) kept in
// Run.summary.<section>.<key>. Setting a key is idempotent, so an item
// redone after a crash overwrites its own entry instead of counting twice.

export async function setSummaryEntry(db: Db, runId: string, section: string, key: string, value: unknown): Promise<void> {
  await db.$executeRaw`update "Run" set summary = jsonb_set(summary, array[${section}]::text[],
      coalesce(summary->${section}, '{}'::jsonb) || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb), true)
    where id = ${runId}`;
}

const sectionsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/** One section of the run's summary, as the stage wrote it (the caller names its entries' type). */
export async function readSummary<T>(db: Db, runId: string, section: string): Promise<Record<string, T>> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { summary: true } });
  const sections = sectionsSchema.safeParse(run.summary);
  return (sections.success ? (sections.data[section] ?? {}) : {}) as Record<string, T>;
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : "–";
}
