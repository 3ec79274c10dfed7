import type { PgBoss } from "pg-boss";
import { createDb, type Db } from "./db/client";
import { resolveDatabase } from "./db/connect";
import { migrate } from "./db/migrate";

/** What a CLI command may be given in place of the studio's own (tests): a database and its queue, where to print, how to set the exit code. */
export type CliDeps = {
  db?: Db;
  /** the queue on `db`, for commands that start a run (lib/jobs/follow.ts) */
  queue?: PgBoss;
  print?: (line: string) => void;
  setExitCode?: (code: number) => void;
};

/** Runs `work` with the given database, or with the studio's (started and migrated if need be), closed after. */
export async function withDb<T>(deps: CliDeps, work: (db: Db) => Promise<T>): Promise<T> {
  if (deps.db) return work(deps.db);
  const { url, embedded } = await resolveDatabase({ start: true });
  await migrate(url);
  const db = createDb(url, { max: 4 });
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}
