// Details the user gave as a JSON object ("Details: {"status":"shipped"}"):
// the offline agent passes each to the argument of the same name, when the
// tool has one of a matching type, as a model copies values from a request.

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => ["string", "number", "boolean"].includes(typeof v);

/** Every flat JSON object in the texts, earlier texts winning on a repeated key. */
export function valuesIn(texts: string[]): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const text of [...texts].reverse()) {
    for (const m of text.matchAll(/\{[^{}\n]*\}/g)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(m[0]);
      } catch {
        continue;
      }
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) for (const [k, v] of Object.entries(parsed)) if (isScalar(v)) out[k] = v;
    }
  }
  return out;
}

const fits = (schema: unknown, v: Scalar) => {
  const type = (schema as { type?: unknown } | null)?.type;
  return type === undefined || type === typeof v || (type === "integer" && Number.isInteger(v));
};

/** `args` with each argument the user gave a value for set to that value. */
export function withGivenValues(args: unknown, values: Record<string, Scalar>, parameters: unknown): unknown {
  const props = ((parameters as { properties?: Record<string, unknown> } | null)?.properties ?? {}) as Record<string, unknown>;
  if (!args || typeof args !== "object" || Array.isArray(args)) return args;
  const out: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  for (const [k, v] of Object.entries(values)) if (k in props && fits(props[k], v)) out[k] = v;
  return out;
}
