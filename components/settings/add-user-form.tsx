"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-rules";

type State = { error?: string; ok?: string; values?: { name?: string; email?: string; role?: string } };

export function AddUserForm({ action }: { action: (prev: State, form: FormData) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} aria-label="Add a user" className="grid grid-cols-1 gap-3 md:grid-cols-5 md:items-start">
      <Field label="Name">
        <Input name="name" defaultValue={state.values?.name} required />
      </Field>
      <Field label="Email">
        <Input name="email" type="email" defaultValue={state.values?.email} required />
      </Field>
      <Field label="Password" hint={`At least ${MIN_PASSWORD_LENGTH} characters`}>
        <Input name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field label="Role">
        <Select name="role" key={state.values?.role} defaultValue={state.values?.role ?? "reviewer"}>
          <option value="reviewer">reviewer — labels trajectories</option>
          <option value="viewer">viewer — reads</option>
          <option value="admin">admin — configures and runs</option>
        </Select>
      </Field>
      <Button type="submit" disabled={pending} className="justify-center md:mt-6">
        Add user
      </Button>
      <div className="md:col-span-5">
        <FormError message={state.error} />
        {state.ok && <p className="text-sm text-emerald-700">{state.ok}</p>}
      </div>
    </form>
  );
}
