"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";

type State = { error?: string; ok?: string };

export function AddUserForm({ action }: { action: (prev: State, form: FormData) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="grid grid-cols-1 gap-3 md:grid-cols-5 md:items-end">
      <Field label="Name">
        <Input name="name" required />
      </Field>
      <Field label="Email">
        <Input name="email" type="email" required />
      </Field>
      <Field label="Password">
        <Input name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field label="Role">
        <Select name="role" defaultValue="reviewer">
          <option value="reviewer">reviewer — labels trajectories</option>
          <option value="viewer">viewer — reads</option>
          <option value="admin">admin — configures and runs</option>
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        Add user
      </Button>
      <div className="md:col-span-5">
        <FormError message={state.error} />
        {state.ok && <p className="text-sm text-emerald-700">{state.ok}</p>}
      </div>
    </form>
  );
}
