// Pure formatting helpers shared by pages, components and messages: safe to import from client components.

/** A moment to the minute in UTC, the studio's clock: "2026-12-05 20:40". */
export function utcMinute(d: Date): string {
  return d.toISOString().slice(0, 16).replace("T", " ");
}

/** A count as a list page states it: exact, at least (a count that stopped early) or about (an estimate). */
export type CountKind = "exact" | "atLeast" | "about";

/** "1,234", "10,000+" or "about 1,000,000" (an estimate rounded to two significant digits). */
export function formatCount(value: number, kind: CountKind): string {
  if (kind === "atLeast") return `${value.toLocaleString("en")}+`;
  if (kind === "exact") return value.toLocaleString("en");
  const digits = Math.max(0, Math.floor(Math.log10(Math.max(1, value))) - 1);
  const rounded = Math.round(value / 10 ** digits) * 10 ** digits;
  return `about ${rounded.toLocaleString("en")}`;
}
