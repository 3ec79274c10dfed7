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

/**
 * Calls `handlers[key]` for single-key shortcuts anywhere on the page, except
 * while typing. A handler returning false lets the key through.
 */
export function useShortcuts(handlers: Record<string, (e: KeyboardEvent) => boolean | void>) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
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
