/** One measured figure. `target` reads like "< 2 ms" or ">= 0.9": the runner checks it. */
export type BenchFigure = { name: string; value: number; unit: string; target?: string; peer?: string };

export type Bench = { area: string; run: () => Promise<BenchFigure[]> };
