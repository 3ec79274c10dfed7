"use client";

import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";

/**
 * The studio's side bar. On a narrow screen it is a bar across the top whose
 * navigation opens with the Menu button and closes again on navigating.
 */
export function Sidebar({ brand, children }: { brand: ReactNode; children: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }
  return (
    <aside className="flex flex-col border-b border-slate-200 bg-white px-3 py-2 md:sticky md:top-0 md:h-screen md:w-52 md:shrink-0 md:border-b-0 md:border-r md:py-4">
      <div className="flex items-center justify-between md:mb-5">
        {brand}
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-100 md:hidden"
          aria-expanded={open}
          aria-controls="studio-menu"
          onClick={() => setOpen((o) => !o)}
        >
          Menu
        </button>
      </div>
      <div id="studio-menu" className={`${open ? "flex" : "hidden"} mt-2 flex-1 flex-col md:mt-0 md:flex`} data-testid="studio-menu">
        {children}
      </div>
    </aside>
  );
}
