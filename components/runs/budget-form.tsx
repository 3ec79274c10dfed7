"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A run's caps (USD, tokens; blank is none); saving resumes a run paused at its budget if the new caps allow it. */
export function BudgetForm({
  usd,
  tokens,
  pending,
  save,
}: {
  usd: number | null;
  tokens: number | null;
  pending: boolean;
  save(budget: { usd: string; tokens: string }): void;
}) {
  const [values, setValues] = useState({ usd: usd === null ? "" : String(usd), tokens: tokens === null ? "" : String(tokens) });
  return (
    <form
      className="mt-2 flex items-end justify-end gap-2"
      data-testid="budget-form"
      onSubmit={(e) => {
        e.preventDefault();
        save(values);
      }}
    >
      <label className="text-xs text-slate-600">
        USD
        <input
          name="usd"
          inputMode="decimal"
          aria-label="budget in USD"
          className="ml-1 w-20 rounded border border-slate-300 px-1.5 py-0.5 text-xs"
          value={values.usd}
          onChange={(e) => setValues({ ...values, usd: e.target.value })}
        />
      </label>
      <label className="text-xs text-slate-600">
        tokens
        <input
          name="tokens"
          inputMode="numeric"
          aria-label="budget in tokens"
          className="ml-1 w-24 rounded border border-slate-300 px-1.5 py-0.5 text-xs"
          value={values.tokens}
          onChange={(e) => setValues({ ...values, tokens: e.target.value })}
        />
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        Raise budget
      </Button>
    </form>
  );
}
