import type { Readable } from "node:stream";
import { readArtifact } from "../artifacts/store";
import { db as studioDb, type Db } from "../db/client";
import { exportDataset } from "./export";
import { datasetFile } from "./files";
import { importTrajectories } from "./import/import";
import { readLines } from "./import/read-lines";

const BENCH_RUN = "bench-datasets";
const TRAJECTORIES = 100_000;
const IMPORT_LINES = 5_000;

type Figure = { name: string; value: number; unit: string; target?: string };

/**
 * Exports 100,000 trajectories (or `trajectories`) (4 messages each: a call, its result, an
 * answer) and imports 5,000 lines back; the synthetic trajectories are
 * inserted once per database and reused by later runs.
 */
export async function benchDatasets(db: Db = studioDb(), opts: { trajectories?: number } = {}): Promise<Figure[]> {
  await ensureSyntheticTrajectories(db, opts.trajectories ?? TRAJECTORIES);
  let peakRss = process.memoryUsage().rss;
  const baseRss = peakRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const { dataset, manifest } = await exportDataset(db, { name: "bench", format: "openai", filter: { runIds: [BENCH_RUN] } });
  const exportSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const train = await datasetFile(db, dataset.id, "train.jsonl");
  if (!train) throw new Error("the bench export stored no train.jsonl");
  const run = await db.run.create({ data: { kind: "import", status: "running" } });
  const importStarted = performance.now();
  const summary = await importTrajectories(db, firstLines(await readArtifact(db, train.artifactId), IMPORT_LINES), { runId: run.id });
  const importSeconds = (performance.now() - importStarted) / 1000;
  // The imported copies stay: deleting trajectories one by one scans the
  // table for forks (no index on parentId), which would dwarf the import.
  await db.dataset.deleteMany({ where: { name: "bench" } });

  return [
    { name: `export ${manifest.counts.written.toLocaleString("en")} trajectories (OpenAI JSONL)`, value: exportSeconds, unit: "s", target: "< 60 s" },
    { name: "export rate", value: manifest.counts.written / exportSeconds, unit: "trajectories/s" },
    { name: "export peak memory growth (RSS)", value: (peakRss - baseRss) / 2 ** 20, unit: "MiB", target: "< 512 MiB" },
    { name: `import ${summary.imported.toLocaleString("en")} lines`, value: summary.imported / importSeconds, unit: "lines/s" },
  ];
}

async function* firstLines(input: Readable, n: number) {
  let count = 0;
  for await (const line of readLines(input)) {
    if ("error" in line) continue;
    yield `${line.text}\n`;
    if (++count >= n) return;
  }
}

async function ensureSyntheticTrajectories(db: Db, count: number) {
  if ((await db.trajectory.count({ where: { runId: BENCH_RUN } })) === count) return;
  await db.run.upsert({ where: { id: BENCH_RUN }, create: { id: BENCH_RUN, kind: "simulate", status: "succeeded" }, update: {} });
  await db.trajectory.deleteMany({ where: { runId: BENCH_RUN } });
  const tools = JSON.stringify([
    { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } },
  ]);
  // One INSERT … SELECT per table: PostgreSQL makes the rows, nothing crosses the wire row by row.
  await db.$executeRaw`
    insert into "Trajectory" (id, "runId", model, provider, tools, steps, tags, "effectiveVerdict", "judgeVerdict")
    select 'bench' || lpad(g::text, 7, '0'), ${BENCH_RUN}, 'offline-agent', 'offline', ${tools}::jsonb, 4, array['bench'], 'accepted', 'accepted'
    from generate_series(1, ${count}::int) g`;
  await db.$executeRaw`
    insert into "Message" (id, "trajectoryId", index, role, content, "toolCalls", "toolCallId", "toolName")
    select t || '-' || m.i, t, m.i, m.role::"MessageRole",
      case m.i when 0 then 'Weather in City-' || g || '?' when 2 then '{"temp":' || (g % 40) || '}' when 3 then (g % 40) || '°C in City-' || g || '.' end,
      case when m.i = 1 then jsonb_build_array(jsonb_build_object('id', 'call_' || g, 'name', 'get_weather', 'arguments', jsonb_build_object('city', 'City-' || g))) end,
      case when m.i = 2 then 'call_' || g end,
      case when m.i = 2 then 'get_weather' end
    from (select g, 'bench' || lpad(g::text, 7, '0') as t from generate_series(1, ${count}::int) g) s
    cross join (values (0, 'user'), (1, 'assistant'), (2, 'tool'), (3, 'assistant')) as m(i, role)`;
}
