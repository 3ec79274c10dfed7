// Pure formatting helpers shared by pages, components and messages: safe to import from client components.

/** A moment to the minute in UTC, the studio's clock: "2026-12-05 20:40". */
export function utcMinute(d: Date): string {
  return d.toISOString().slice(0, 16).replace("T", " ");
}
