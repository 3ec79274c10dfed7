"use client";

import { Button } from "@/components/ui/button";
import { FormOutcome, useActionForm, type FormAction } from "@/components/ui/action-form";
import { Field, Input } from "@/components/ui/field";
import { usd } from "@/lib/money";

/** The workspace's daily budget: what every run together may spend on models in a UTC day. */
export function DailyBudgetForm({
  dailyUsd,
  spentToday,
  canEdit,
  action,
}: {
  dailyUsd: number | null;
  spentToday: number;
  canEdit: boolean;
  action: FormAction;
}) {
  const { state, pending, onSubmit } = useActionForm(action);
  return (
    <div data-testid="daily-budget">
      <p className="mb-3 text-sm text-slate-600">
        Spent today (UTC): <span className="font-medium tabular-nums text-slate-900">{usd(spentToday)}</span>
        {dailyUsd === null ? " · no daily budget" : ` of ${usd(dailyUsd)}`}. When the day&apos;s spend reaches the budget every run pauses before its next item
        (items in progress finish) and resumes at 00:00 UTC, or at once when the budget is raised. A run can also have its own cap (Runs page, or{" "}
        <code>--budget-usd</code> / <code>--budget-tokens</code> on the command line).
      </p>
      {canEdit && (
        <form onSubmit={onSubmit} className="flex items-start gap-3">
          <Field label="Daily budget (USD)" hint="Blank: no daily budget">
            <Input name="usd" inputMode="decimal" defaultValue={dailyUsd ?? ""} className="w-40" />
          </Field>
          <Button type="submit" disabled={pending} className="mt-6">
            Save
          </Button>
          <div className="mt-6">
            <FormOutcome state={state} />
          </div>
        </form>
      )}
    </div>
  );
}
