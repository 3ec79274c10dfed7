import { exportDataset } from "../datasets/export";
import { db as studioDb, type Db } from "../db/client";
import { benchPages, ensureLongTrajectory, p95 as percentile95 } from "./bench-pages";

// `npm run bench -- scale`: the studio at 1,000,000 trajectories of 20
// messages each (`--size` scales the count), loaded once per database with
// INSERT … SELECT generate_series (PostgreSQL makes the rows; nothing crosses
// the wire row by row), then the browsing pages, search, a full export and
// the database's size.

export const SCALE_RUN = "bench-scale";
const PREFIX = "bench-scale-";
const BATCH = 20_000;
const MESSAGES = 20;
/** one trajectory in RARE_EVERY mentions the rare word; every one says "shipped" */
const RARE_EVERY = 50_000;
export const RARE_WORD = "zanzibar";
export const COMMON_WORD = "shipped";

type Figure = { name: string; value: number; unit: string; target?: string };
const MiB = 2 ** 20;
const n = (x: number) => x.toLocaleString("en");

export async function benchScale(db: Db = studioDb(), opts: { trajectories?: number; samples?: number } = {}): Promise<Figure[]> {
  const count = opts.trajectories ?? 1_000_000;
  const p95 = (work: () => Promise<unknown>) => percentile95(work, opts.samples);
  const figures: Figure[] = [];
  // a run at full size takes a while: say each figure as it comes
  const add = (...added: Figure[]) => {
    for (const f of added) console.log(`[bench] scale: ${f.name}: ${f.value.toFixed(1)} ${f.unit}`);
    figures.push(...added);
  };
  const loaded = await ensureScaleData(db, count);
  if (loaded) add({ name: `load ${n(count)} trajectories, ${n(count * MESSAGES)} messages (INSERT … SELECT, with every index)`, value: loaded, unit: "s" });

  const reviewer = await db.user.upsert({
    where: { id: `${PREFIX}user` },
    update: {},
    create: { id: `${PREFIX}user`, name: "Bench", email: "bench-scale@studio.test", role: "reviewer" },
  });
  const longId = await ensureLongTrajectory(db, { model: `${PREFIX}long`, agentId: `${PREFIX}agent-1`, taskId: `${PREFIX}task-1` });
  const pages = benchPages(db, { reviewerId: reviewer.id, agentId: `${PREFIX}agent-1` });
  const at = `at ${n(count)} trajectories`;
  const cases: [string, string][] = [
    ["list page, no filter", ""],
    ["list page, effective verdict rejected", "verdict=rejected"],
    ["list page, disagreements sorted by score", "disagree=yes&sort=score"],
    ["list page, an agent's trajectories sorted by cost", `agentId=${PREFIX}agent-7&sort=cost`],
    ["list page, category + violations", `categoryId=${PREFIX}cat-3&violations=yes`],
    ["list page, task difficulty + judge rejected", "difficulty=multi_step&judge=rejected"],
    ["list page, page 200 sorted by latency", "sort=latency&page=200"],
    [`search for a rare word (“${RARE_WORD}”)`, `q=${RARE_WORD}`],
    [`search for a word in every trajectory (“${COMMON_WORD}”)`, `q=${COMMON_WORD}`],
    ["search for a phrase in every trajectory", `q=${encodeURIComponent(`has ${COMMON_WORD}`)}`],
    ["search for a word in no trajectory", "q=xylophonist"],
    ["search for a phrase of two common words, rare together (“order 12”)", "q=order%2012"],
  ];
  for (const [name, query] of cases) add({ name: `${name} ${at} (p95)`, value: await p95(() => pages.list(query)), unit: "ms", target: "< 300 ms" });
  add({ name: `trajectory page data, 300 steps, ${at} (p95)`, value: await p95(() => pages.trajectory(longId)), unit: "ms", target: "< 300 ms" });
  add({ name: `dashboard page data ${at} (p95)`, value: await p95(pages.dashboard), unit: "ms", target: "< 300 ms" });
  add({ name: `agents list page with pass rates ${at} (p95)`, value: await p95(pages.agents), unit: "ms", target: "< 300 ms" });
  add({ name: `agent page with pass rates, ${n(Math.round(count / 50))} trajectories (p95)`, value: await p95(pages.agent), unit: "ms", target: "< 300 ms" });
  add({ name: `tools list page with pass rates ${at} (p95)`, value: await p95(pages.tools), unit: "ms", target: "< 300 ms" });

  add(...(await benchExport(db)));
  add(...(await databaseSize(db)));
  return figures;
}

/** Exports every trajectory of the bench's run, sampling the process's memory every 50 ms. */
async function benchExport(db: Db): Promise<Figure[]> {
  const name = `${PREFIX}export`;
  try {
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 50);
    const started = performance.now();
    const { manifest } = await exportDataset(db, { name, format: "openai", filter: { runIds: [SCALE_RUN], verdict: "any" } }).finally(() =>
      clearInterval(sampler),
    );
    const seconds = (performance.now() - started) / 1000;
    return [
      { name: `export ${n(manifest.counts.written)} trajectories of ${MESSAGES} messages (OpenAI JSONL)`, value: seconds, unit: "s" },
      { name: "export rate", value: manifest.counts.written / seconds, unit: "trajectories/s" },
      { name: "export memory growth (peak RSS − RSS before)", value: (peakRss - base.rss) / MiB, unit: "MiB", target: "< 100 MiB" },
      // RSS keeps what the collector has not yet returned; the live heap shows what the export holds
      { name: "export heap growth (peak heapUsed − heapUsed before)", value: (peakHeap - base.heapUsed) / MiB, unit: "MiB" },
    ];
  } finally {
    await db.dataset.deleteMany({ where: { name } });
  }
}

/** Bytes per trajectory and per message (the schema's tables with their TOAST and indexes), and the largest parts. */
async function databaseSize(db: Db): Promise<Figure[]> {
  const [rows] = await db.$queryRaw<{ trajectories: bigint; messages: bigint; trajectory_bytes: bigint; message_bytes: bigint; database_bytes: bigint }[]>`
    SELECT (SELECT count(*) FROM "Trajectory") AS trajectories, (SELECT count(*) FROM "Message") AS messages,
      pg_total_relation_size('"Trajectory"') AS trajectory_bytes, pg_total_relation_size('"Message"') AS message_bytes,
      (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
        WHERE s.nspname = current_schema() AND c.relkind = 'r')::bigint AS database_bytes`;
  const parts = await db.$queryRaw<{ name: string; bytes: bigint }[]>`
    SELECT c.relname || CASE c.relkind WHEN 'i' THEN ' (index)' ELSE ' (table, with its TOAST)' END AS name,
      CASE c.relkind WHEN 'i' THEN pg_relation_size(c.oid) ELSE pg_table_size(c.oid) END AS bytes
    FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
    WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'i')
    ORDER BY bytes DESC LIMIT 6`;
  const trajectories = Number(rows.trajectories);
  const messages = Number(rows.messages);
  const total = Number(rows.database_bytes);
  return [
    { name: `size of the studio's tables and indexes (${n(trajectories)} trajectories, ${n(messages)} messages)`, value: total / MiB, unit: "MiB" },
    { name: "size per trajectory (all tables and indexes ÷ trajectories)", value: total / trajectories, unit: "bytes" },
    { name: "Message table with its indexes, per message", value: Number(rows.message_bytes) / messages, unit: "bytes" },
    { name: "Trajectory table with its indexes, per trajectory", value: Number(rows.trajectory_bytes) / trajectories, unit: "bytes" },
    ...parts.map((p) => ({ name: `share of the database: ${p.name}`, value: Number(p.bytes) / total, unit: "ratio" })),
  ];
}

/**
 * `count` trajectories of 20 messages each (a request, nine tool calls with
 * their results, an answer) across 50 agents, 1,000 tools in 20 categories
 * and 2,000 tasks. Returns the seconds it took to load, or 0 when the
 * database already held them.
 */
export async function ensureScaleData(db: Db, count: number): Promise<number> {
  const existing = await db.trajectory.count({ where: { runId: SCALE_RUN } });
  if (existing === count) return 0;
  const started = performance.now();
  if (existing > 0) {
    console.log(`[bench] scale: removing ${n(existing)} trajectories of another size`);
    await db.$executeRawUnsafe(`DELETE FROM "Trajectory" WHERE "runId" = '${SCALE_RUN}' OR "model" = '${PREFIX}long'`);
  }
  await db.$executeRawUnsafe(
    `INSERT INTO "Run" ("id", "kind", "status", "updatedAt") VALUES ('${SCALE_RUN}', 'simulate', 'succeeded', now()) ON CONFLICT DO NOTHING`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Category" ("id", "name") SELECT '${PREFIX}cat-' || g, 'Scale category ' || g FROM generate_series(1, 20) g ON CONFLICT DO NOTHING`,
  );
  await db.$executeRawUnsafe(`INSERT INTO "Tool" ("id", "origin", "key", "name", "specHash", "categoryId", "updatedAt")
    SELECT '${PREFIX}tool-' || g, 'synthetic', '${PREFIX}tool-' || g, 'scale_tool_' || g, 'h' || g, '${PREFIX}cat-' || (g % 20 + 1), now()
    FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING`);
  await db.$executeRawUnsafe(`INSERT INTO "Agent" ("id", "name", "systemPrompt", "toolSetHash")
    SELECT '${PREFIX}agent-' || g, 'Scale agent ' || g, 'You help customers with their orders.', '${PREFIX}set-' || g FROM generate_series(1, 50) g ON CONFLICT DO NOTHING`);
  await db.$executeRawUnsafe(`INSERT INTO "AgentTool" ("agentId", "toolId", "role")
    SELECT '${PREFIX}agent-' || a, '${PREFIX}tool-' || ((a * 20 + k) % 1000 + 1), CASE WHEN k < 5 THEN 'core'::"AgentToolRole" ELSE 'distractor'::"AgentToolRole" END
    FROM generate_series(1, 50) a, generate_series(0, 7) k ON CONFLICT DO NOTHING`);
  await db.$executeRawUnsafe(`INSERT INTO "Task" ("id", "agentId", "goal", "instruction", "difficulty")
    SELECT '${PREFIX}task-' || g, '${PREFIX}agent-' || (g % 50 + 1), 'Find out when order ' || g || ' ships', 'Ask about the order',
      (ARRAY['single_call','multi_step','parallel','clarification','refusal','no_tool'])[g % 6 + 1]::"TaskDifficulty"
    FROM generate_series(1, 2000) g ON CONFLICT DO NOTHING`);
  const tools = JSON.stringify([
    { name: "get_order", description: "An order's status", parameters: { type: "object", properties: { id: { type: "integer" } }, required: ["id"] } },
  ]);
  for (let from = 1; from <= count; from += BATCH) {
    const to = Math.min(count, from + BATCH - 1);
    // no transaction: an interrupted load leaves a count other than `count`, and the next run starts over
    await db.$executeRawUnsafe(
      `INSERT INTO "Trajectory" ("id", "runId", "taskId", "agentId", "protocol", "model", "provider", "endReason", "tools", "steps",
          "costUsd", "latencyMs", "promptTokens", "completionTokens", "hasViolations", "hasInjectedFailures", "tags",
          "judgeVerdict", "judgeScore", "humanVerdict", "effectiveVerdict", "createdAt")
        SELECT '${PREFIX}' || g, '${SCALE_RUN}', '${PREFIX}task-' || (g % 2000 + 1), '${PREFIX}agent-' || ((g % 2000) % 50 + 1),
          CASE WHEN g % 3 = 0 THEN 'react'::"Protocol" ELSE 'native'::"Protocol" END, 'model-' || (g % 4), 'offline', 'agent_finished', $1::jsonb, ${MESSAGES},
          (g % 97) / 1000.0, g % 5000, 2000 + g % 500, 400 + g % 100, g % 7 = 0, g % 11 = 0, CASE WHEN g % 13 = 0 THEN ARRAY['scale'] ELSE ARRAY[]::text[] END,
          j.verdict, CASE WHEN j.verdict IS NULL THEN NULL ELSE (g % 100) / 100.0 END, h.verdict, coalesce(h.verdict, j.verdict),
          timestamp '2026-01-01' + g * interval '10 seconds'
        FROM generate_series(${from}, ${to}) g,
          LATERAL (SELECT CASE WHEN g % 5 = 0 THEN NULL WHEN g % 4 = 0 THEN 'rejected'::"Verdict" ELSE 'accepted'::"Verdict" END AS verdict) j,
          LATERAL (SELECT CASE WHEN g % 17 = 0 THEN 'rejected'::"Verdict" WHEN g % 19 = 0 THEN 'accepted'::"Verdict" END AS verdict) h`,
      tools,
    );
    await db.$executeRawUnsafe(`INSERT INTO "Message" ("id", "trajectoryId", "index", "role", "content", "toolCalls", "toolCallId", "toolName", "promptTokens", "completionTokens")
        SELECT '${PREFIX}' || g || '-' || i, '${PREFIX}' || g, i,
          (CASE WHEN i = 0 THEN 'user' WHEN i = ${MESSAGES - 1} OR i % 2 = 1 THEN 'assistant' ELSE 'tool' END)::"MessageRole",
          CASE
            WHEN i = 0 THEN 'Hi, I ordered ' || (g % 9 + 1) || ' items last week as order ' || g || '. Could you tell me where it is and when it arrives?'
              || CASE WHEN g % ${RARE_EVERY} = 7 THEN ' It goes to ${RARE_WORD}.' ELSE '' END
            WHEN i = ${MESSAGES - 1} THEN 'Order ' || g || ' has ${COMMON_WORD}: it left the warehouse on day ' || (g % 28 + 1) || ' and arrives within ' || (g % 5 + 2) || ' days.'
            WHEN i % 2 = 1 THEN CASE WHEN i = 1 THEN 'Let me look that order up.' END
            ELSE '{"order":' || g || ',"step":' || i || ',"status":"' || (ARRAY['pending','packed','in transit','out for delivery'])[i % 4 + 1]
              || '","warehouse":"WH-' || (g % 40) || '","items":[' || (g % 9 + 1) || '],"updated":"2026-11-' || lpad((i + 1)::text, 2, '0') || 'T10:00:00Z"}'
          END,
          CASE WHEN i % 2 = 1 AND i < ${MESSAGES - 1} THEN jsonb_build_array(jsonb_build_object('id', 'call_' || g || '_' || i, 'name', 'get_order', 'arguments', jsonb_build_object('id', g))) END,
          CASE WHEN i % 2 = 0 AND i > 0 AND i < ${MESSAGES - 1} THEN 'call_' || g || '_' || (i - 1) END,
          CASE WHEN i % 2 = 0 AND i > 0 AND i < ${MESSAGES - 1} THEN 'get_order' END,
          CASE WHEN i % 2 = 1 THEN 1500 + i * 60 ELSE 0 END, CASE WHEN i % 2 = 1 THEN 40 ELSE 0 END
        FROM generate_series(${from}, ${to}) g, generate_series(0, ${MESSAGES - 1}) i`);
    console.log(`[bench] scale: ${n(to)} of ${n(count)} trajectories loaded (${Math.round((performance.now() - started) / 1000)} s)`);
  }
  await db.$executeRawUnsafe(`ANALYZE`);
  return (performance.now() - started) / 1000;
}
