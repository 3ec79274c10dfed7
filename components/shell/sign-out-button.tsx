"use client";

import { useTransition } from "react";

export function SignOutButton({ signOut }: { signOut: () => Promise<void> }) {
  const [pending, start] = useTransition();
  return (
    <button type="button" disabled={pending} onClick={() => start(() => signOut())} className="text-xs text-slate-500 hover:text-slate-900">
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
