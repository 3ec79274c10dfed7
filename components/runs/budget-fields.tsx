import { Field, Input } from "@/components/ui/field";

/** A run's caps on a start form; blank is no cap. The action passes them to startRun, which validates them. */
export function BudgetFields() {
  return (
    <>
      <Field label="Budget (USD)" hint="the run pauses here; blank: no cap">
        <Input name="budgetUsd" inputMode="decimal" placeholder="no cap" />
      </Field>
      <Field label="Budget (tokens)" hint="prompt + completion tokens; blank: no cap">
        <Input name="budgetTokens" inputMode="numeric" placeholder="no cap" />
      </Field>
    </>
  );
}

export type BudgetInput = { usd: string; tokens: string };

export function readBudget(form: HTMLFormElement): BudgetInput {
  const data = new FormData(form);
  return { usd: String(data.get("budgetUsd") ?? "").trim(), tokens: String(data.get("budgetTokens") ?? "").trim() };
}
