/** One measured figure. `target` reads like "< 2 ms" or ">= 0.9": the runner checks it. */
export type BenchFigure = { name: string; value: number; unit: string; target?: string; peer?: string };

/** `size` scales an area's data: 1 is its full size, 0.1 a tenth. */
export type BenchOptions = { size: number };

export type Bench = { area: string; run: (opts: BenchOptions) => Promise<BenchFigure[]> };
