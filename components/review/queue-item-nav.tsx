"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useShortcuts } from "@/components/trajectory/keyboard";
import type { Result } from "@/lib/actions/result";

/** Where the reviewer is in the queue, back to their previous item (b), and skip this one for later (s). */
export function QueueItemNav({
  position,
  total,
  previousHref,
  skip,
}: {
  position: number;
  total: number;
  previousHref: string | null;
  /** absent when the item is not the reviewer's to skip */
  skip?: () => Promise<Result>;
}) {
  const router = useRouter();
  const [pending, run] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const doSkip = () =>
    run(async () => {
      const res = await skip?.();
      setError(res && !res.ok ? res.error : null);
    });
  useShortcuts(
    {
      b: () => (previousHref ? router.push(previousHref) : false),
      s: () => (skip && !pending ? doSkip() : false),
    },
    [
      ...(previousHref ? [{ keys: "b", does: "back to your previous item in the queue" }] : []),
      ...(skip ? [{ keys: "s", does: "skip this item for now (it comes back later)" }] : []),
    ],
  );
  return (
    <nav aria-label="Queue" className="flex flex-wrap items-center gap-3 text-sm" data-testid="queue-item-nav">
      <span className="font-medium text-slate-700" data-testid="queue-position">
        Item {position} of {total}
      </span>
      {previousHref ? (
        <Link href={previousHref} className="text-indigo-600 hover:underline" aria-keyshortcuts="b">
          ← Previous <kbd className="rounded bg-slate-100 px-1 font-mono text-[10px]">b</kbd>
        </Link>
      ) : (
        <span className="text-slate-500">No previous item</span>
      )}
      {skip && (
        <Button type="button" variant="secondary" disabled={pending} onClick={doSkip} aria-keyshortcuts="s" data-testid="skip-item">
          {pending ? "Skipping…" : "Skip for now"} <kbd className="ml-1 rounded bg-black/10 px-1 font-mono text-[10px]">s</kbd>
        </Button>
      )}
      {error && (
        <span role="alert" className="text-rose-700">
          {error}
        </span>
      )}
    </nav>
  );
}
