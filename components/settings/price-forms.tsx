"use client";

import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ModelPrice } from "@/lib/db/client";
import { FieldError, FormOutcome, useActionForm, type FormAction } from "@/components/ui/action-form";

type Price = Pick<ModelPrice, "model" | "inputPerMillionUsd" | "outputPerMillionUsd">;

const GRID = "grid grid-cols-1 gap-2 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] md:items-start";

function PriceInputs({ price, state }: { price?: Price; state: ReturnType<typeof useActionForm>["state"] }) {
  return (
    <>
      <Field label="Input $ / M tokens">
        <Input name="inputPerMillionUsd" type="number" step="any" defaultValue={price?.inputPerMillionUsd} />
        <FieldError state={state} name="inputPerMillionUsd" />
      </Field>
      <Field label="Output $ / M tokens">
        <Input name="outputPerMillionUsd" type="number" step="any" defaultValue={price?.outputPerMillionUsd} />
        <FieldError state={state} name="outputPerMillionUsd" />
      </Field>
    </>
  );
}

/** One model's price: change it or delete it. */
export function PriceRowForm({ price, save }: { price: Price; save: FormAction }) {
  const { state, pending, onSubmit } = useActionForm(save);
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={`Price of ${price.model}`}
      data-testid="price-row"
      data-model={price.model}
      className="border-b border-slate-100 pb-2"
    >
      <div className={GRID}>
        <input type="hidden" name="model" value={price.model} />
        <p className="truncate font-mono text-xs text-slate-800 md:pt-8" title={price.model}>
          {price.model}
        </p>
        <PriceInputs key={`${price.inputPerMillionUsd}:${price.outputPerMillionUsd}`} price={price} state={state} />
        <div className="flex gap-2 md:pt-6">
          <Button type="submit" name="intent" value="save" variant="secondary" disabled={pending}>
            Save
          </Button>
          <Button type="submit" name="intent" value="delete" variant="danger" disabled={pending}>
            Delete
          </Button>
        </div>
      </div>
      <FormOutcome state={state} />
    </form>
  );
}

/** Adds a model's price (or replaces it, when the model already has one). */
export function PriceAddForm({ save }: { save: FormAction }) {
  const { state, pending, onSubmit, form } = useActionForm(save, { clearOnSuccess: true });
  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-label="Add a price" className="pt-2">
      <div className={GRID}>
        <Field label="Model">
          <Input name="model" type="text" placeholder="e.g. kimi-k2-instruct" />
          <FieldError state={state} name="model" />
        </Field>
        <PriceInputs state={state} />
        <div className="md:pt-6">
          <Button type="submit" name="intent" value="save" disabled={pending}>
            Add price
          </Button>
        </div>
      </div>
      <div className="mt-2">
        <FormOutcome state={state} />
      </div>
    </form>
  );
}
