/** The exit code of a command whose run finished with some items failed and others done. */
export const EXIT_PARTIAL = 3;

/**
 * What a finished run tells the shell: 0 when every item was done, 3 when
 * some failed and others were done (a partial run), 1 when nothing was done
 * or the run itself failed. Told from the run's counts, whatever statuses the
 * queue gives runs with failed items.
 */
export function runExitCode(run: { status: string; done: number; failed: number }): number {
  if (run.status === "succeeded" && run.failed === 0) return 0;
  if (run.status !== "failed" && run.status !== "cancelled" && run.failed > 0 && run.done > 0) return EXIT_PARTIAL;
  return 1;
}

/** The exit code of a command whose run stopped at a budget and waits, paused, for a higher one. */
export const EXIT_BUDGET = 4;
