import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../lib/db/embedded";

// One PostgreSQL for the whole test run: DATABASE_URL when given, else an
// embedded one in a temporary folder. Each test file then works in its own schema.
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide("databaseUrl", process.env.DATABASE_URL);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "studio-test-pg-"));
  chmodSync(dir, 0o755); // PostgreSQL may run as another OS user (see lib/db/embedded.ts)
  // port 0: a free port of its own, so parallel test runs on one machine never collide
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "studio_test", persistent: false, port: 0 });
  // tests create whole databases of their own, which only the superuser may
  project.provide("databaseUrl", pg.superuserUrl);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
