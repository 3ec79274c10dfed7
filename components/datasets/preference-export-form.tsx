"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import type { Result } from "@/lib/actions/result";
import type { PreferenceExportInput } from "@/lib/datasets/preference-export";

type ExportPreferences = (input: PreferenceExportInput) => Promise<Result<{ message: string }>>;

/** Writes the preference pairs people labelled on Compare as a TRL preference dataset version. */
export function PreferenceExportForm({ exportPairs }: { exportPairs: ExportPreferences }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ error?: string; message?: string }>({});
  return (
    <form
      className="space-y-3"
      data-testid="preference-export-form"
      action={(form) =>
        startTransition(async () => {
          const res = await exportPairs({ name: String(form.get("name") ?? "") });
          setResult(res.ok ? { message: res.message } : { error: res.error });
        })
      }
    >
      <p className="text-sm text-slate-600">
        Each pair&apos;s latest preference as a TRL preference row (<code>prompt</code>, <code>chosen</code>, <code>rejected</code>, <code>tools</code>); ties
        are left out and pairs with no common prompt are refused with the reason.
      </p>
      <Field label="Dataset name" hint="A new version each time you export under this name">
        <Input name="name" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" defaultValue="preferences" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Writing…" : "Export preference pairs"}
      </Button>
      {result.message && (
        <p className="text-sm text-emerald-700" role="status">
          {result.message}
        </p>
      )}
      <FormError message={result.error} />
    </form>
  );
}
