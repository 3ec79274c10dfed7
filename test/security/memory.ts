const MB = 1024 * 1024;

/**
 * Runs `work` and reports how far the resident set grew above where it was
 * when the work began, sampled every few milliseconds (the work is async and
 * yields often, so the sampler runs throughout).
 */
export async function measurePeakRss<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
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
