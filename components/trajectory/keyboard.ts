"use client";

import { useEffect, useRef } from "react";

/** Controls that use letters or arrow keys themselves: a shortcut must not take their keys. */
const OWNS_KEYS = "input, textarea, select, [role=textbox], [role=combobox], [role=listbox], [role=slider], [role=spinbutton], [role=menu]";

/** True when a key press belongs to a field the person is typing in, or carries a modifier. */
export function isTypingOrModified(e: KeyboardEvent): boolean {
  if (e.metaKey || e.ctrlKey || e.altKey) return true;
  const t = e.composedPath()[0] ?? e.target;
  if (!(t instanceof Element)) return false;
  return (t instanceof HTMLElement && t.isContentEditable) || t.closest(OWNS_KEYS) !== null;
}

/** One line of the page's shortcut list (`?`): the keys as people read them, and what they do. */
export type ShortcutHelp = { keys: string; does: string };

// What the mounted components' shortcuts do, for the `?` overlay: each
// useShortcuts call adds its lines while its component is on the page.
const helpOnPage = new Map<symbol, ShortcutHelp[]>();

/** Every shortcut line of the components on the page now, in the order they mounted. */
export function shortcutsOnPage(): ShortcutHelp[] {
  return [...helpOnPage.values()].flat();
}

/**
 * Calls `handlers[key]` for single-key shortcuts anywhere on the page, except
 * while typing. A handler returning false lets the key through. `help`
 * describes them in the page's shortcut list.
 */
export function useShortcuts(handlers: Record<string, (e: KeyboardEvent) => boolean | void>, help: ShortcutHelp[] = []) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  const helpText = JSON.stringify(help);
  useEffect(() => {
    const id = Symbol("shortcuts");
    helpOnPage.set(id, JSON.parse(helpText) as ShortcutHelp[]);
    return () => void helpOnPage.delete(id);
  }, [helpText]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingOrModified(e)) return;
      const handler = ref.current[e.key];
      if (handler && handler(e) !== false) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
