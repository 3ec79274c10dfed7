"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";

type State = { error?: string; values?: { name?: string; email?: string } };

/** The first-admin and sign-in forms: same fields, different action. */
export function AccountForm({
  action,
  withName,
  submitLabel,
}: {
  action: (prev: State, form: FormData) => Promise<State>;
  withName?: boolean;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-4">
      {withName && (
        <Field label="Name">
          <Input name="name" autoComplete="name" defaultValue={state.values?.name} required />
        </Field>
      )}
      <Field label="Email">
        <Input name="email" type="email" autoComplete="email" defaultValue={state.values?.email} required />
      </Field>
      <Field label="Password" hint={withName ? `At least ${MIN_PASSWORD_LENGTH} characters.` : undefined}>
        <Input name="password" type="password" autoComplete={withName ? "new-password" : "current-password"} required />
      </Field>
      <FormError message={state.error} />
      <Button type="submit" disabled={pending} className="w-full justify-center">
        {pending ? "…" : submitLabel}
      </Button>
    </form>
  );
}
