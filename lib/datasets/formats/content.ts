/**
 * Message content as files carry it (a string, null, a list of parts, or an
 * object a tool returned) reduced to the text the studio keeps.
 */
export function contentText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every(isTextPart)) {
    return value.map((p) => (typeof p === "string" ? p : p.text)).join("\n");
  }
  return JSON.stringify(value);
}

function isTextPart(p: unknown): p is string | { text: string } {
  return typeof p === "string" || (typeof p === "object" && p !== null && typeof (p as { text?: unknown }).text === "string");
}
