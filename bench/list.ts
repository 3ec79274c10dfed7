import type { BenchFigure } from "./types";

type Loader = () => Promise<() => Promise<BenchFigure[]>>;

// Each area's benchmark, loaded lazily.
export const BENCHES: Record<string, Loader> = {
  catalog: async () => (await import("../lib/catalog/bench")).benchCatalog,
  datasets: async () => (await import("../lib/datasets/bench")).benchDatasets,
  gateway: async () => (await import("./gateway")).benchGateway,
  judge: async () => (await import("../lib/judge/bench")).benchJudge,
  review: async () => (await import("../lib/review/bench")).benchReview,
  "review-concurrency": async () => (await import("../lib/review/concurrency-bench")).benchConcurrentReviewers,
  simulation: async () => (await import("../lib/simulation/bench")).benchSimulation,
  synthesis: async () => (await import("../lib/synthesis/bench")).benchSynthesis,
};
