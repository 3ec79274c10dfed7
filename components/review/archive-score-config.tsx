"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { Result } from "@/lib/actions/result";
import type { ArchiveScoreConfigInput } from "@/lib/review/score-config-schema";

/** Archive (take off the forms) or restore one configuration. */
export function ArchiveScoreConfig({
  id,
  name,
  archived,
  action,
}: {
  id: string;
  name: string;
  archived: boolean;
  action: (input: ArchiveScoreConfigInput) => Promise<Result>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="flex items-center gap-2">
      <Button
        variant="secondary"
        className="px-2 text-xs"
        disabled={pending}
        aria-label={`${archived ? "Restore" : "Archive"} ${name}`}
        onClick={() =>
          start(async () => {
            const res = await action({ id, archived: !archived });
            setError(res.ok ? null : res.error);
            if (res.ok) router.refresh();
          })
        }
      >
        {archived ? "Restore" : "Archive"}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-rose-700">
          {error}
        </span>
      )}
    </span>
  );
}
