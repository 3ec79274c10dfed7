import type { BenchFigure } from "./types";

type Loader = () => Promise<() => Promise<BenchFigure[]>>;

// Each area's benchmark, loaded lazily.
export const BENCHES: Record<string, Loader> = {
  datasets: async () => (await import("../lib/datasets/bench")).benchDatasets,
  gateway: async () => (await import("./gateway")).benchGateway,
};
