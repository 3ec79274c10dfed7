import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrate } from "./migrate";

const MIGRATION = "20261206041500_run_summary_parent_prompt_versions";

describe(`migration ${MIGRATION}`, () => {
  const url = inject("databaseUrl");
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: url });
  afterAll(async () => {
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });

  it("moves a run's summary and a demo step's parent link out of its config, into their columns", async () => {
    await migrate(url, { schema, before: MIGRATION });
    await client.connect();
    await client.query(`set search_path to "${schema}"`);
    const summary = { categories: { c1: { made: 3 } } };
    const run = (id: string, kind: string, config: unknown) =>
      client.query(`insert into "Run" (id, kind, config, "updatedAt") values ($1, $2::"RunKind", $3::jsonb, now())`, [id, kind, JSON.stringify(config)]);
    await run("demo", "demo", { seed: 7 });
    await run("step0", "synthesize_tools", { perCategory: 2, demoRunId: "demo", demoStep: 0, summary });
    await run("orphan", "noop", { steps: 1, demoRunId: "gone", demoStep: 3 });
    await run("plain", "noop", { steps: 1, summary: "not sections" });

    await migrate(url, { schema });
    const { rows } = await client.query(`select id, config, summary, "parentRunId", "parentStep" from "Run" order by id`);
    expect(rows).toEqual([
      { id: "demo", config: { seed: 7 }, summary: {}, parentRunId: null, parentStep: null },
      { id: "orphan", config: { steps: 1 }, summary: {}, parentRunId: null, parentStep: null },
      { id: "plain", config: { steps: 1, summary: "not sections" }, summary: {}, parentRunId: null, parentStep: null },
      { id: "step0", config: { perCategory: 2 }, summary, parentRunId: "demo", parentStep: 0 },
    ]);
  });
});
