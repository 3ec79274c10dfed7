"use client";

import { useRef, useState } from "react";
import { shortcutsOnPage, useShortcuts, type ShortcutHelp } from "@/components/trajectory/keyboard";

const ALWAYS: ShortcutHelp[] = [{ keys: "?", does: "show this list" }];

/** `?` opens a list of the page's keyboard shortcuts, read from the components on the page; Esc closes it. */
export function ShortcutsOverlay() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [lines, setLines] = useState<ShortcutHelp[]>([]);
  useShortcuts({
    "?": () => {
      setLines(shortcutsOnPage());
      dialog.current?.showModal();
    },
  });
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-overlay"
      className="w-[min(32rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      onClick={(e) => e.target === e.currentTarget && dialog.current?.close()}
    >
      <div className="p-5">
        <div className="mb-3 flex items-center justify-between gap-4">
          <h2 id="shortcuts-title" className="text-base font-semibold text-slate-900">
            Keyboard shortcuts on this page
          </h2>
          <button type="button" onClick={() => dialog.current?.close()} className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" autoFocus>
            Close <kbd className="font-mono text-xs">Esc</kbd>
          </button>
        </div>
        {lines.length === 0 && <p className="mb-2 text-sm text-slate-600">This page has no shortcuts of its own.</p>}
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {[...lines, ...ALWAYS].map((l) => (
            <div key={`${l.keys}:${l.does}`} className="contents">
              <dt>
                <kbd className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{l.keys}</kbd>
              </dt>
              <dd className="text-slate-700">{l.does}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500">Shortcuts do nothing while you type in a field.</p>
      </div>
    </dialog>
  );
}
