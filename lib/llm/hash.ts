import { hash } from "node:crypto";

/** JSON with object keys sorted, so equal values always hash alike (and fast: it runs on every call). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined || typeof v === "function" ? "null" : canonicalJson(v))).join(",")}]`;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return canonicalJson(withJson.toJSON());
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === "function") continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(",")}}`;
}

export function sha256(text: string): string {
  return hash("sha256", text, "hex");
}

/** The content address of a request: the response cache key and LlmCall.requestHash. */
export function requestHash(parts: Record<string, unknown>): string {
  return sha256(canonicalJson(parts));
}
