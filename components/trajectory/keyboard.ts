"use client";

import { useEffect, useRef } from "react";

/** True when a key press belongs to a field the person is typing in, or carries a modifier. */
export function isTypingOrModified(e: KeyboardEvent): boolean {
  if (e.metaKey || e.ctrlKey || e.altKey) return true;
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  return t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName);
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
