import { z } from "zod";

/** A form posted as FormData, read by `schema` as a plain object (the pressed button's name and value among its fields). */
export function formInput<S extends z.ZodType>(schema: S) {
  // the fields' names are the schema's to check, so it reads them as it reads any object
  const fields = schema as unknown as z.ZodType<z.output<S>, Record<string, FormDataEntryValue>>;
  return z
    .instanceof(FormData)
    .transform((form) => Object.fromEntries(form))
    .pipe(fields);
}

/** A number typed in a form field: blank stays undefined, so the schema it feeds can say "Required". */
export const formNumber = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === "" ? undefined : Number(s)));

/** Form fields arrive as text: an empty or unreadable number gets a message a person understands (pass as `error` to safeParse). */
export function numberMessages(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== "invalid_type") return undefined;
  if (issue.input === undefined || issue.input === "") return "Required";
  if (typeof issue.input === "number" && Number.isNaN(issue.input)) return "Must be a number";
  return undefined;
}

/** The id of a row an action works on. */
export const idSchema = z.string().min(1).max(64);
