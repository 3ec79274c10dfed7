import os from "node:os";

/** One figure of the report: `meets` and `ratio` are null when the figure has no numeric target. */
export type ReportRow = {
  area: string;
  name: string;
  value: number;
  unit: string;
  target: string | null;
  meets: boolean | null;
  ratio: number | null;
  samples: number[];
  peer?: string;
};

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Checks a value against a target such as "< 2", "<= 60 s", ">= 1000/s"; null when there is no numeric target. */
export function meetsTarget(value: number, target?: string | null): { meets: boolean | null; ratio: number | null } {
  const m = target?.match(/^\s*(<=|>=|<|>)\s*([0-9.]+)/);
  if (!m) return { meets: null, ratio: null };
  const [, op, raw] = m;
  const bound = Number(raw);
  const meets = op === "<" ? value < bound : op === "<=" ? value <= bound : op === ">" ? value > bound : value >= bound;
  // ratio > 1 always means "better than the target by this factor"
  const ratio = op.startsWith("<") ? (value === 0 ? Infinity : bound / value) : bound === 0 ? Infinity : value / bound;
  return { meets, ratio };
}

export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function toMarkdown(rows: ReportRow[], when: Date, runs: number, size = 1): string {
  const m = machine();
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
  return [
    `# Benchmarks`,
    ``,
    `${when.toISOString()} · ${m.cpu} × ${m.cores} · ${m.memoryGiB} GiB · Node ${m.node} · median of ${runs} runs${size === 1 ? "" : ` · size ${size}`}`,
    ``,
    `| area | figure | median | target | vs target | peer |`,
    `| --- | --- | ---: | --- | ---: | --- |`,
    ...rows.map(
      (r) =>
        `| ${r.area} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ""} | ${
          r.ratio == null ? "" : `${r.meets ? "✅" : "❌"} ${r.ratio === Infinity ? "∞" : r.ratio.toFixed(2)}×`
        } | ${r.peer ?? ""} |`,
    ),
    ``,
  ].join("\n");
}
