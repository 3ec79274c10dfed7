/** What every catalogue server action returns: a run it started, a message, or an error meant for the user. */
export type ActionResult = { ok: true; runId?: string; message?: string } | { ok: false; error: string };
