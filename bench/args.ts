import { parseArgs } from "node:util";

export type BenchArgs = { areas: string[]; size: number; runs: number; help: boolean };

export class BenchUsageError extends Error {}

/** `npm run bench -- [area …] [--size n] [--runs n] [--help]`; no area means every area. */
export function parseBenchArgs(argv: string[], known: string[], env: Record<string, string | undefined> = {}): BenchArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { size: { type: "string" }, runs: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const unknown = positionals.filter((a) => !known.includes(a));
  if (unknown.length) throw new BenchUsageError(`No benchmark area ${unknown.map((a) => `“${a}”`).join(", ")}; the areas are ${known.join(", ")}`);
  const size = Number(values.size ?? 1);
  if (!(size > 0)) throw new BenchUsageError(`--size must be a number above 0 (1 is the full size), not “${values.size}”`);
  const runs = Number(values.runs ?? env.BENCH_RUNS ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchUsageError(`--runs must be a whole number of at least 1, not “${values.runs ?? env.BENCH_RUNS}”`);
  const areas = positionals.length ? known.filter((a) => positionals.includes(a)) : known;
  return { areas, size, runs, help: values.help ?? false };
}

export function benchUsage(areas: Record<string, { about: string }>): string {
  const width = Math.max(...Object.keys(areas).map((a) => a.length));
  return [
    "npm run bench -- [area …] [--size n] [--runs n]",
    "",
    "Runs the named areas (every area when none is named), each --runs times (default 3, or BENCH_RUNS),",
    "and writes bench/report/latest.{md,json}. --size scales each area's data (1 = full size, 0.1 = a tenth).",
    "",
    "Areas:",
    ...Object.entries(areas).map(([name, a]) => `  ${name.padEnd(width)}  ${a.about}`),
    "",
  ].join("\n");
}
