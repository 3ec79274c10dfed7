import { PgBoss } from "pg-boss";

export const STAGE_QUEUE = "stage";

export type StageJob = { runId: string };

/**
 * Starts pg-boss on `url` (its tables live in the `pgboss` schema, or
 * `<schema>_pgboss` for a test schema) and makes sure the stage queue exists.
 * Heartbeats let a crashed worker's job be retried by another one.
 */
export async function startQueue(url: string, opts: { schema?: string; supervise?: boolean; heartbeatSeconds?: number } = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: opts.schema ? `${opts.schema}_pgboss` : "pgboss",
    max: 4,
    supervise: opts.supervise ?? true,
    // A crashed worker's job is noticed by the next supervision pass after its
    // heartbeat lapses; pg-boss's default of 60 s would leave runs stalled too long.
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    schedule: false,
  });
  boss.on("error", (e) => console.error(`job queue: ${e.message}`));
  await boss.start();
  if (!(await boss.getQueue(STAGE_QUEUE))) {
    await boss
      .createQueue(STAGE_QUEUE, {
        retryLimit: 5,
        retryDelay: 2,
        retryBackoff: true,
        heartbeatSeconds: opts.heartbeatSeconds ?? 15,
        expireInSeconds: 6 * 60 * 60,
      })
      .catch((e: Error) => {
        if (!/already exists/i.test(e.message)) throw e;
      });
  }
  return boss;
}
