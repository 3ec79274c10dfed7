import type { z } from "zod";

/** A record that cannot be read as a trajectory; the message is meant for the person who made the file. */
export class RecordError extends Error {}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`)
    .join("; ");
}

export function parseRecord<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RecordError(describeIssues(parsed.error));
  return parsed.data;
}
