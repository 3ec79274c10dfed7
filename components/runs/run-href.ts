/** Where a person sees one run: its own page. */
export function runHref(runId: string): string {
  return `/runs/${runId}`;
}

/** The anchor of a run's row on the Runs page. */
export function runAnchor(runId: string): string {
  return `run-${runId}`;
}
