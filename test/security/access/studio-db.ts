import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// The running e2e studio's database (its URL is kept in the data folder):
// targets for the calls to aim at, and a fingerprint of everything a refused
// call could have changed. The demo workspace may be building meanwhile, so
// the fingerprint counts only rows it never writes: people, reviews, queues,
// saved views, datasets, sources added by hand, runs started by a person (or
// of kinds the demo never starts), and the targets themselves.

export function studioDatabaseUrl(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set (playwright.config.ts sets it)");
  return readFileSync(path.join(dir, "pg-url"), "utf8").trim();
}

export async function withStudioDb<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: studioDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type Targets = {
  marker: string;
  sourceId: string;
  toolId: string;
  trajectoryId: string;
  queueId: string;
  runId: string;
  viewId: string;
  sourceSecrets: string[];
};

/** Rows for the calls to aim at, owned by the admin; the http source carries secrets no page may show. */
export async function seedTargets(adminEmail: string): Promise<Targets> {
  const marker = `acc${randomBytes(4).toString("hex")}`;
  const id = (what: string) => `e2e-${what}-${marker}`;
  const sourceSecrets = [`sk-header-${marker}-0123456789abcdef`, `env-secret-${marker}-fedcba9876543210`];
  await withStudioDb(async (c) => {
    const { rows } = await c.query<{ id: string }>(`select id from "user" where email = $1`, [adminEmail]);
    const adminId = rows[0].id;
    await c.query("begin");
    // unreachable on purpose (port 9 refuses at once), in case a harvest of every source picks it up
    await c.query(`insert into "ToolSource" (id, name, kind, config, "updatedAt") values ($1, $2, 'http', $3, now())`, [
      id("source"),
      `access-${marker}`,
      JSON.stringify({ url: "http://127.0.0.1:9/mcp", headers: { Authorization: `Bearer ${sourceSecrets[0]}` }, transport: "auto", timeoutMs: 500 }),
    ]);
    await c.query(`insert into "ToolSource" (id, name, kind, config, "updatedAt") values ($1, $2, 'stdio', $3, now())`, [
      id("stdio"),
      `access-stdio-${marker}`,
      JSON.stringify({ command: "false", args: [], env: { API_TOKEN: sourceSecrets[1] }, timeoutMs: 500 }),
    ]);
    await c.query(
      `insert into "Tool" (id, origin, "sourceId", key, name, description, "inputSchema", "specHash", "updatedAt") values ($1, 'real', $2, $3, 'lookup_order', 'Looks up an order by its number.', '{"type":"object"}', 'h', now())`,
      [id("tool"), id("source"), `access-${marker}/lookup_order`],
    );
    await c.query(`insert into "Trajectory" (id, model, provider, tags) values ($1, 'offline', 'offline', array['e2e'])`, [id("trajectory")]);
    await c.query(`insert into "ReviewQueue" (id, name, "createdById") values ($1, $2, $3)`, [id("queue"), `access-${marker}`, adminId]);
    await c.query(`insert into "Run" (id, kind, status, "createdById", "updatedAt") values ($1, 'noop', 'queued', $2, now())`, [id("run"), adminId]);
    await c.query(`insert into "SavedView" (id, name, page, query, "ownerId") values ($1, 'admin view', '/trajectories', 'verdict=accepted', $2)`, [
      id("view"),
      adminId,
    ]);
    await c.query("commit");
  });
  return {
    marker,
    sourceId: id("source"),
    toolId: id("tool"),
    trajectoryId: id("trajectory"),
    queueId: id("queue"),
    runId: id("run"),
    viewId: id("view"),
    sourceSecrets,
  };
}

export async function removeTargets(t: Targets): Promise<void> {
  await withStudioDb(async (c) => {
    await c.query(`delete from "Tool" where id = $1`, [t.toolId]);
    await c.query(`delete from "ToolSource" where name like $1`, [`%${t.marker}`]);
    await c.query(`delete from "Trajectory" where id = $1`, [t.trajectoryId]);
    await c.query(`delete from "ReviewQueue" where id = $1`, [t.queueId]);
    await c.query(`delete from "Run" where id = $1`, [t.runId]);
    await c.query(`delete from "SavedView" where id = $1`, [t.viewId]);
  });
}

/** Counts and target rows that any successful mutation would change (see the note at the top). */
export async function fingerprint(t: Targets): Promise<Record<string, unknown>> {
  return withStudioDb(async (c) => {
    const one = async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows;
    const count = async (sql: string, params: unknown[] = []) => Number((await one(sql, params))[0].n);
    return {
      users: await count(`select count(*) n from "user"`),
      sessionsOfNobody: await count(`select count(*) n from "session" s where not exists (select 1 from "user" u where u.id = s."userId")`),
      runsByPeople: await count(`select count(*) n from "Run" where "createdById" is not null or kind in ('noop', 'import', 'export')`),
      reviews: await count(`select count(*) n from "Review"`),
      queues: await count(`select count(*) n from "ReviewQueue"`),
      assignments: await count(`select count(*) n from "ReviewAssignment"`),
      savedViews: await count(`select count(*) n from "SavedView"`),
      datasets: await count(`select count(*) n from "Dataset"`),
      sourcesByHand: await count(`select count(*) n from "ToolSource" where not builtin`),
      settings: await one(`select key, value::text from "Setting" order by key`),
      tool: await one(`select quality, "qualityScore", "qualityReasons"::text, "updatedAt" from "Tool" where id = $1`, [t.toolId]),
      trajectory: await one(`select "humanVerdict", "judgeVerdict", "effectiveVerdict", tags from "Trajectory" where id = $1`, [t.trajectoryId]),
      run: await one(`select status, "cancelRequested", "updatedAt" from "Run" where id = $1`, [t.runId]),
      source: await one(`select config::text, "lastError", "lastHarvestedAt" from "ToolSource" where id = $1`, [t.sourceId]),
      view: await count(`select count(*) n from "SavedView" where id = $1`, [t.viewId]),
    };
  });
}
