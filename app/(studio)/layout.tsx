import Link from "next/link";
import type { ReactNode } from "react";
import { Nav } from "@/components/shell/nav";
import { OfflineBanner } from "@/components/shell/offline-banner";
import { Sidebar } from "@/components/shell/sidebar";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { ShortcutsOverlay } from "@/components/ui/shortcuts-overlay";
import { requirePageUser } from "@/lib/auth/session";
import { signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#content"
        className="sr-only rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
      >
        Skip to content
      </a>
      <Sidebar
        brand={
          <Link href="/" className="px-3 text-sm font-semibold tracking-tight text-slate-900">
            Trajectory <span className="text-indigo-600">Studio</span>
          </Link>
        }
      >
        <Nav />
        <div className="mt-3 border-t border-slate-100 px-3 pt-3 md:mt-auto">
          <p className="truncate text-sm text-slate-800" data-testid="current-user">
            {user.name}
          </p>
          <p className="mb-1 text-xs text-slate-500">{user.role}</p>
          <SignOutButton signOut={signOutAction} />
        </div>
      </Sidebar>
      <div className="min-w-0 flex-1">
        <OfflineBanner />
        <main id="content" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none md:px-6">
          {children}
        </main>
        <ShortcutsOverlay />
      </div>
    </div>
  );
}
