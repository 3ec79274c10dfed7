"use client";

import { useTransition } from "react";

export function SignOutButton({ signOut }: { signOut: () => Promise<unknown> }) {
  const [pending, start] = useTransition();
  return (
    <button type="button" disabled={pending} onClick={() => start(async () => void (await signOut()))} className="text-xs text-slate-500 hover:text-slate-900">
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
