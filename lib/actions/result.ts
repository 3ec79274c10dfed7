import { z } from "zod";

/** Messages meant for the person who submitted a form, one per field that was wrong. */
export type FieldErrors = Record<string, string>;

/** What every server action returns: success with what it made, or a refusal a person can act on. */
export type Result<T extends object = object> = ({ ok: true; message?: string } & T) | Refused;
/** `conflict`: someone changed the thing since the form was opened, so the person should reload before trying again. */
export type Refused = { ok: false; error: string; fieldErrors?: FieldErrors; conflict?: boolean };

/**
 * An error whose message is written for the person acting ("That name is taken").
 * A server action returns it as a refusal; any other error is a defect and is thrown.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A zod error as a refusal: the first problem as the message, and the first problem of each field. */
export function refusedBy(error: z.ZodError): Refused {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    // a problem of the whole input (an unknown key, say) belongs to no field: it is the message
    const key = issue.path.map(String).join(".");
    if (key) fieldErrors[key] ??= issue.message;
  }
  const first = error.issues[0];
  const where = first?.path.map(String).join(".");
  const error_ = first ? (where ? `${where}: ${first.message}` : first.message) : "Invalid input";
  return { ok: false, error: error_, fieldErrors };
}
