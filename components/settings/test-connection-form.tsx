"use client";

import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { LLM_ROLES } from "@/lib/llm/types";
import { FormOutcome, useActionForm, type FormAction } from "@/components/ui/action-form";

/** Sends a role's endpoint a few small requests and stores what its model accepts. */
export function TestConnectionForm({ test }: { test: FormAction }) {
  const { state, pending, onSubmit } = useActionForm(test);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-3" aria-label="Test connection" data-testid="test-connection-form">
      <Select name="role" defaultValue="agent" aria-label="Role to test">
        {LLM_ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Testing…" : "Test connection"}
      </Button>
      <FormOutcome state={state} />
    </form>
  );
}
