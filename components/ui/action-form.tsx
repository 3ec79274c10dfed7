"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { Result } from "@/lib/actions/result";

/** A server action that takes a posted form (see formInput in lib/actions/inputs.ts). */
export type FormAction = (form: FormData) => Promise<Result>;
export type FormState = Result | null;

/**
 * Runs a form's action without React's automatic form reset, so a refused
 * entry stays on screen next to its message. The pressed button's name and
 * value (save / reset / delete) travel with the form. With `clearOnSuccess`,
 * the form (given `ref={form}`) is emptied once the action succeeds. A form
 * with a password says `method="post"`, so one sent before the page is
 * interactive never puts the password in an address.
 */
export function useActionForm(action: FormAction, { clearOnSuccess = false } = {}) {
  const [state, dispatch, pending] = useActionState<FormState, FormData>((_prev, form) => action(form), null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (clearOnSuccess && state?.ok) form.current?.reset();
  }, [state, clearOnSuccess]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(form));
  }
  return { state, pending, onSubmit, form };
}

export function FieldError({ state, name }: { state: FormState; name: string }) {
  const message = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  if (!message) return null;
  return (
    <span role="alert" className="mt-1 block text-xs font-normal text-rose-700" data-field-error={name}>
      {message}
    </span>
  );
}

/** The form's outcome: a general error only when no single field is to blame. */
export function FormOutcome({ state }: { state: FormState }) {
  if (!state) return null;
  if (state.ok) return state.message ? <p className="text-sm text-emerald-700">{state.message}</p> : null;
  if (Object.keys(state.fieldErrors ?? {}).length > 0) return <p className="text-sm text-rose-700">Check the fields marked in red.</p>;
  return (
    <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
      {state.error}
    </p>
  );
}
