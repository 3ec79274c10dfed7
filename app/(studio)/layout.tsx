import Link from "next/link";
import type { ReactNode } from "react";
import { Nav } from "@/components/shell/nav";
import { OfflineBanner } from "@/components/shell/offline-banner";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requirePageUser } from "@/lib/auth/session";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-52 shrink-0 flex-col border-r border-slate-200 bg-white px-3 py-4">
        <Link href="/" className="mb-5 px-3 text-sm font-semibold tracking-tight text-slate-900">
          Trajectory <span className="text-indigo-600">Studio</span>
        </Link>
        <Nav />
        <div className="mt-auto border-t border-slate-100 px-3 pt-3">
          <p className="truncate text-sm text-slate-800" data-testid="current-user">
            {user.name}
          </p>
          <p className="mb-1 text-xs text-slate-500">{user.role}</p>
          <SignOutButton signOut={signOutAction} />
        </div>
      </aside>
      <div className="min-w-0 flex-1">
        <OfflineBanner />
        <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
