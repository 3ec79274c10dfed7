import v8 from "node:v8";
import vm from "node:vm";

const MB = 1024 * 1024;

// A full collection on demand, without starting the test process with
// --expose-gc: what counts is memory the work holds, not garbage the
// collector has not reached yet (reading a stored file in chunks leaves a
// few MB of buffers behind per chunk until the next collection).
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;

/**
 * Runs `work` and reports how far the resident set grew above where it was
 * when the work began, sampled every few milliseconds (the work is async and
 * yields often, so the sampler runs throughout), collecting garbage every
 * 50 ms so that the figure is what the work holds.
 */
export async function measurePeakRss<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  collect();
  const start = process.memoryUsage().rss;
  let peak = start;
  let ticks = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
    if (++ticks % 10 === 0) collect();
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, growthMb: Math.round((peak - start) / MB) };
  } finally {
    clearInterval(timer);
  }
}
