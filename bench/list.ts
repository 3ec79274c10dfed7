import type { BenchFigure, BenchOptions } from "./types";

export type BenchArea = {
  /** one line for `npm run bench -- --help` */
  about: string;
  load: () => Promise<(opts: BenchOptions) => Promise<BenchFigure[]>>;
};

const scaled = (n: number, size: number) => Math.max(1, Math.round(n * size));

// Each area's benchmark, loaded lazily; `size` scales its data (1 = the sizes the README reports).
export const BENCHES: Record<string, BenchArea> = {
  catalog: {
    about: "20,000 tools: read, store, quality, embed, cluster, map",
    load: async () => {
      const { benchCatalog } = await import("../lib/catalog/bench");
      return ({ size }) => benchCatalog({ tools: scaled(20_000, size), small: scaled(3_000, size) });
    },
  },
  datasets: {
    about: "export 100,000 trajectories, import 5,000 lines",
    load: async () => {
      const { benchDatasets } = await import("../lib/datasets/bench");
      return ({ size }) => benchDatasets(undefined, { trajectories: scaled(100_000, size) });
    },
  },
  gateway: {
    about: "the LLM gateway's overhead and throughput against the bare openai client (size does not apply)",
    load: async () => {
      const { benchGateway } = await import("./gateway");
      return () => benchGateway();
    },
  },
  judge: {
    about: "judge 10,000 trajectories offline, 1,000 against a 1 s latency server",
    load: async () => {
      const { benchJudge } = await import("../lib/judge/bench");
      return ({ size }) => benchJudge({ count: scaled(10_000, size), httpCount: scaled(1_000, size) });
    },
  },
  review: {
    about: "review pages' server time at 100,000 trajectories, a queue claim",
    load: async () => {
      const { benchReview } = await import("../lib/review/bench");
      return ({ size }) => benchReview(undefined, { trajectories: scaled(100_000, size) });
    },
  },
  "review-concurrency": {
    about: "20 reviewers labelling one queue of 5,000 for a minute",
    load: async () => {
      const { benchConcurrentReviewers } = await import("../lib/review/concurrency-bench");
      return ({ size }) => benchConcurrentReviewers({ trajectories: scaled(5_000, size), durationMs: scaled(60_000, size) });
    },
  },
  scale: {
    about: "1,000,000 trajectories of ~20 messages: pages, search, export, database size",
    load: async () => {
      const { benchScale } = await import("../lib/review/scale-bench");
      return ({ size }) => benchScale(undefined, { trajectories: scaled(1_000_000, size) });
    },
  },
  simulation: {
    about: "1,000 episodes offline and against a 1 s latency server",
    load: async () => {
      const { benchSimulation } = await import("../lib/simulation/bench");
      return ({ size }) => benchSimulation({ episodes: scaled(1_000, size) });
    },
  },
  synthesis: {
    about: "tools, agents and tasks from a 3,000-tool catalogue, offline and against a 500 ms server",
    load: async () => {
      const { benchSynthesis } = await import("../lib/synthesis/bench");
      return ({ size }) => benchSynthesis({ scale: size });
    },
  },
  workers: {
    about: "800 offline episodes worked by 1, 2 and 4 worker processes: throughput per worker count",
    load: async () => {
      const { benchWorkerScaling } = await import("../lib/simulation/worker-scaling-bench");
      return ({ size }) => benchWorkerScaling({ episodes: scaled(800, size) });
    },
  },
};
