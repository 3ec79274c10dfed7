/** Where a person sees one run: its row on the Runs page (the row carries the anchor). */
export function runHref(runId: string): string {
  return `/runs#${runAnchor(runId)}`;
}

export function runAnchor(runId: string): string {
  return `run-${runId}`;
}
