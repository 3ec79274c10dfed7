// Identifiers the user gave (ORD-1001, CUS-1042): the offline agent passes
// them to arguments that name an entity, the one whose prefix fits first,
// as a model copies an order number from the request into the call.

const ID = /\b([A-Z]{2,5})-(\d{3,6})\b/g;
const ID_ARGUMENT = /(^|_)id$|[a-z]Id$/;

export function idsIn(texts: string[]): string[] {
  return [...new Set(texts.flatMap((t) => [...t.matchAll(ID)].map((m) => m[0])))];
}

const prefixOf = (argument: string) =>
  argument
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/(^|_)id$/, "")
    .replace(/[^a-z]/g, "")
    .slice(0, 3)
    .toUpperCase();

/** `args` with each entity-naming argument set to a given id, when the conversation has one. */
export function withGivenIds(args: unknown, ids: string[]): unknown {
  if (!ids.length || !args || typeof args !== "object" || Array.isArray(args)) return args;
  const out: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) {
    if (!ID_ARGUMENT.test(k) || typeof v !== "string") continue;
    const prefix = prefixOf(k);
    out[k] = ids.find((id) => prefix && id.startsWith(`${prefix}-`)) ?? ids[0];
  }
  return out;
}
