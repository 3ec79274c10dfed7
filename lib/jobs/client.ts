import type { PgBoss } from "pg-boss";
import { databaseUrl } from "../env";
import { startQueue } from "./queue";

const globalForQueue = globalThis as unknown as { studioQueue?: Promise<PgBoss> };

/** The queue as seen from the web server: it sends jobs; workers run them. */
export function queue(): Promise<PgBoss> {
  globalForQueue.studioQueue ??= startQueue(databaseUrl(), { supervise: false }).catch((e) => {
    globalForQueue.studioQueue = undefined;
    throw e;
  });
  return globalForQueue.studioQueue;
}
