import "server-only";
import { z } from "zod";
import { requireRole, type SessionUser } from "@/lib/auth/session";
import type { UserRole } from "@/lib/db/client";
import { Refusal, refusedBy, type Refused, type Result } from "./result";

/** What the work of an action gives back: its own result, narrowed to what it returns (every action's result is a Result). */
type Done = Result<object>;

/**
 * A server action: the signed-in user must hold `role` (checked first, before
 * the input is looked at; a visitor without it gets ForbiddenError), the input
 * is parsed with `schema`, and a Refusal or zod error thrown by the work comes
 * back as `{ ok: false, error, fieldErrors }`. Any other error is thrown.
 */
export function defineAction<S extends z.ZodType, R extends Done>(
  role: UserRole,
  schema: S,
  work: (input: z.output<S>, user: SessionUser) => Promise<R>,
): (input: z.input<S>) => Promise<R | Refused> {
  return async (input) => {
    const user = await requireRole(role);
    return settle(schema, input, (parsed) => work(parsed, user));
  };
}

/** An action open to signed-out visitors on purpose (signing in, creating the first admin). */
export function definePublicAction<S extends z.ZodType, R extends Done>(
  schema: S,
  work: (input: z.output<S>) => Promise<R>,
): (input: z.input<S>) => Promise<R | Refused> {
  return async (input) => settle(schema, input, work);
}

async function settle<S extends z.ZodType, R extends Done>(schema: S, input: unknown, work: (input: z.output<S>) => Promise<R>): Promise<R | Refused> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return refusedBy(parsed.error);
  try {
    return await work(parsed.data);
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) };
    if (e instanceof z.ZodError) return refusedBy(e);
    throw e;
  }
}
