"use client";

import { Button } from "@/components/ui/button";
import { FieldError, FormOutcome, useActionForm, type FormAction } from "@/components/ui/action-form";
import { Field, Input, Options, Select } from "@/components/ui/field";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";
import { ROLE_DUTIES, ROLES } from "@/lib/auth/roles";

export function AddUserForm({ action }: { action: FormAction }) {
  const { state, pending, onSubmit, form } = useActionForm(action, { clearOnSuccess: true });
  return (
    <form ref={form} method="post" onSubmit={onSubmit} aria-label="Add a user" className="grid grid-cols-1 gap-3 md:grid-cols-5 md:items-start">
      <Field label="Name">
        <Input name="name" required />
        <FieldError state={state} name="name" />
      </Field>
      <Field label="Email">
        <Input name="email" type="email" required />
        <FieldError state={state} name="email" />
      </Field>
      <Field label="Password" hint={`At least ${MIN_PASSWORD_LENGTH} characters`}>
        <Input name="password" type="password" autoComplete="new-password" required />
        <FieldError state={state} name="password" />
      </Field>
      <Field label="Role">
        <Select name="role" defaultValue="reviewer">
          <Options values={ROLES} label={(role) => `${role} — ${ROLE_DUTIES[role]}`} />
        </Select>
      </Field>
      <Button type="submit" disabled={pending} className="justify-center md:mt-6">
        Add user
      </Button>
      <div className="md:col-span-5">
        <FormOutcome state={state} />
      </div>
    </form>
  );
}
