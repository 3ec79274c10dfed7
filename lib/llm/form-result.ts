import { z } from "zod";

/** The outcome of a settings change an admin submitted: the value, or messages meant for them, per field where possible. */
export type FormResult<T> = { ok: true; value: T } | { ok: false; message: string; fieldErrors: Record<string, string> };

export function fieldErrors(error: z.ZodError): { ok: false; message: string; fieldErrors: Record<string, string> } {
  const flat = z.flattenError(error);
  const perField = Object.fromEntries(
    Object.entries(flat.fieldErrors as Record<string, string[] | undefined>).flatMap(([k, v]) => (v?.[0] ? [[k, v[0]]] : [])),
  );
  const first = Object.entries(perField)[0];
  const message = flat.formErrors[0] ?? (first ? `${first[0]}: ${first[1]}` : "Invalid input");
  return { ok: false, message, fieldErrors: perField };
}

/** Form fields arrive as text: an empty or unreadable number gets a message a person understands (pass as `error` to safeParse). */
export function numberMessages(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== "invalid_type") return undefined;
  if (issue.input === undefined || issue.input === "") return "Required";
  if (typeof issue.input === "number" && Number.isNaN(issue.input)) return "Must be a number";
  return undefined;
}
