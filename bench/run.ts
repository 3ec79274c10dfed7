// `npm run bench -- [area …] [--size n] [--runs n]`: the named benchmark areas
// (every one when none is named), a median of several runs each, written to
// bench/report/latest.{md,json} with one row per figure.
import { mkdirSync, mkdtempSync, chmodSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { BenchUsageError, benchUsage, parseBenchArgs } from "./args";
import { BENCHES } from "./list";
import { machine, median, meetsTarget, toMarkdown, type ReportRow } from "./report";
import type { Bench, BenchFigure } from "./types";

async function benches(areas: string[]): Promise<Bench[]> {
  // Loaded after DATABASE_URL is set: the benches use the process-wide database.
  const list: Bench[] = [];
  for (const area of areas) list.push({ area, run: await BENCHES[area].load() });
  return list;
}

async function main() {
  const { areas, size, runs: RUNS, help } = parseBenchArgs(process.argv.slice(2), Object.keys(BENCHES), process.env);
  if (help) {
    console.log(benchUsage(BENCHES));
    return;
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), "studio-bench-"));
  chmodSync(tmp, 0o755);
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dir: path.join(tmp, "pg"), database: "bench", persistent: false, port: 0 });
  const url = process.env.DATABASE_URL ?? pg!.url;
  process.env.DATABASE_URL = url;
  process.env.STUDIO_DATA_DIR ??= tmp;
  await migrate(url);

  const rows: ReportRow[] = [];
  try {
    for (const bench of await benches(areas)) {
      const samples = new Map<string, { figure: BenchFigure; values: number[] }>();
      for (let i = 0; i < RUNS; i++) {
        console.log(`[bench] ${bench.area} run ${i + 1}/${RUNS}`);
        for (const figure of await bench.run({ size })) {
          const entry = samples.get(figure.name) ?? { figure, values: [] };
          entry.values.push(figure.value);
          samples.set(figure.name, entry);
        }
      }
      for (const { figure, values } of samples.values()) {
        const value = median(values);
        rows.push({
          area: bench.area,
          name: figure.name,
          value,
          unit: figure.unit,
          target: figure.target ?? null,
          ...meetsTarget(value, figure.target),
          samples: values,
          ...(figure.peer ? { peer: figure.peer } : {}),
        });
      }
    }
  } finally {
    await pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }

  const when = new Date();
  const dir = path.resolve(import.meta.dirname, "report");
  mkdirSync(dir, { recursive: true });
  const markdown = toMarkdown(rows, when, RUNS, size);
  writeFileSync(path.join(dir, "latest.md"), markdown);
  writeFileSync(path.join(dir, "latest.json"), JSON.stringify({ when, machine: machine(), runs: RUNS, size, areas, rows }, null, 2));
  console.log(`\n${markdown}`);
  process.exit(0);
}

main().catch((e) => {
  if (e instanceof BenchUsageError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
    console.error(`${e.message}\n\n${benchUsage(BENCHES)}`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
