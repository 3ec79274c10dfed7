import { Button } from "./button";
import { FormError } from "./field";

/** A form's submit button with what the last submission made (`done`) or why it was refused (`error`). */
export function FormFooter({
  pending,
  label,
  pendingLabel,
  done,
  error,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  done: string | null;
  error: string | null;
}) {
  return (
    <>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : label}
        </Button>
        {done && (
          <span role="status" className="text-sm text-emerald-700">
            {done}
          </span>
        )}
      </div>
      <FormError message={error} />
    </>
  );
}
