import type { Db } from "../db/client";

// A stage's outcome per unit (category, agent slot …) kept under
// Run.config.summary.<section>.<key>. Setting a key is idempotent, so an item
// redone after a crash overwrites its own entry instead of counting twice.
// The stage's config schema ignores the extra key when a run resumes.

export async function setSummaryEntry(db: Db, runId: string, section: string, key: string, value: unknown): Promise<void> {
  await db.$executeRaw`update "Run" set config = jsonb_set(
      jsonb_set(config, '{summary}', coalesce(config->'summary', '{}'::jsonb), true),
      array['summary', ${section}]::text[],
      coalesce(config->'summary'->${section}, '{}'::jsonb) || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb),
      true)
    where id = ${runId}`;
}

export async function readSummary<T>(db: Db, runId: string, section: string): Promise<Record<string, T>> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { config: true } });
  const config = run.config as { summary?: Record<string, Record<string, T>> } | null;
  return config?.summary?.[section] ?? {};
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : "–";
}
