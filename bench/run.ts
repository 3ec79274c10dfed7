// `npm run bench`: every benchmark the studio names, a median of several runs
// each, written to bench/report/latest.{md,json}.
import { mkdirSync, mkdtempSync, chmodSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { machine, median, meetsTarget, toMarkdown, type ReportRow } from "./report";
import type { Bench, BenchFigure } from "./types";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function benches(): Promise<Bench[]> {
  // Imported after DATABASE_URL is set: the benches use the process-wide database.
  const list: Bench[] = [];
  const { BENCHES } = await import("./list");
  for (const [area, load] of Object.entries(BENCHES)) list.push({ area, run: await load() });
  return list;
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "studio-bench-"));
  chmodSync(tmp, 0o755);
  const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dir: path.join(tmp, "pg"), database: "bench", persistent: false, port: 0 });
  const url = process.env.DATABASE_URL ?? pg!.url;
  process.env.DATABASE_URL = url;
  process.env.STUDIO_DATA_DIR ??= tmp;
  await migrate(url);

  const rows: ReportRow[] = [];
  try {
    for (const bench of await benches()) {
      const samples = new Map<string, { figure: BenchFigure; values: number[] }>();
      for (let i = 0; i < RUNS; i++) {
        console.log(`[bench] ${bench.area} run ${i + 1}/${RUNS}`);
        for (const figure of await bench.run()) {
          const entry = samples.get(figure.name) ?? { figure, values: [] };
          entry.values.push(figure.value);
          samples.set(figure.name, entry);
        }
      }
      for (const { figure, values } of samples.values()) {
        const value = median(values);
        rows.push({ ...figure, area: bench.area, value, samples: values, ...meetsTarget(value, figure.target) });
      }
    }
  } finally {
    await pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }

  const when = new Date();
  const dir = path.resolve(import.meta.dirname, "report");
  mkdirSync(dir, { recursive: true });
  const markdown = toMarkdown(rows, when, RUNS);
  writeFileSync(path.join(dir, "latest.md"), markdown);
  writeFileSync(path.join(dir, "latest.json"), JSON.stringify({ when, machine: machine(), runs: RUNS, rows }, null, 2));
  console.log(`\n${markdown}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
