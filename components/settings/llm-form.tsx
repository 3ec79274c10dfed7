"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import type { SettingsFormState } from "@/app/(studio)/settings/llm-actions";

export type SettingsAction = (prev: SettingsFormState, form: FormData) => Promise<SettingsFormState>;

/**
 * Runs a settings action from a form without React's automatic form reset, so
 * a rejected entry stays on screen next to its message. The pressed button's
 * name and value (save / reset / delete) travel with the form.
 */
export function useSettingsForm(action: SettingsAction) {
  const [state, dispatch, pending] = useActionState(action, {});
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(form));
  }
  return { state, pending, onSubmit };
}

export function FieldError({ state, name }: { state: SettingsFormState; name: string }) {
  const message = state.fieldErrors?.[name];
  if (!message) return null;
  return (
    <span role="alert" className="mt-1 block text-xs font-normal text-rose-700" data-field-error={name}>
      {message}
    </span>
  );
}

/** The form's outcome: a general error only when no single field is to blame. */
export function FormOutcome({ state }: { state: SettingsFormState }) {
  const blamed = Object.keys(state.fieldErrors ?? {}).length > 0;
  if (state.error && !blamed)
    return (
      <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
        {state.error}
      </p>
    );
  if (blamed) return <p className="text-sm text-rose-700">Check the fields marked in red.</p>;
  if (state.ok) return <p className="text-sm text-emerald-700">{state.ok}</p>;
  return null;
}
