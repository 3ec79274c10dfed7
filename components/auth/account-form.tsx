"use client";

import { Button } from "@/components/ui/button";
import { FieldError, FormOutcome, useActionForm, type FormAction } from "@/components/ui/action-form";
import { Field, Input } from "@/components/ui/field";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";

/** The first-admin and sign-in forms: same fields, different action. */
export function AccountForm({ action, withName, submitLabel }: { action: FormAction; withName?: boolean; submitLabel: string }) {
  const { state, pending, onSubmit } = useActionForm(action);
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4">
      {withName && (
        <Field label="Name">
          <Input name="name" autoComplete="name" required />
          <FieldError state={state} name="name" />
        </Field>
      )}
      <Field label="Email">
        <Input name="email" type="email" autoComplete="email" required />
        <FieldError state={state} name="email" />
      </Field>
      <Field label="Password" hint={withName ? `At least ${MIN_PASSWORD_LENGTH} characters.` : undefined}>
        <Input name="password" type="password" autoComplete={withName ? "new-password" : "current-password"} required />
        <FieldError state={state} name="password" />
      </Field>
      <FormOutcome state={state} />
      <Button type="submit" disabled={pending} className="w-full justify-center">
        {pending ? "…" : submitLabel}
      </Button>
    </form>
  );
}
