"use client";

import { useEffect, useState } from "react";

/**
 * On a phone the review form sits below every step: this button at hand jumps
 * to it, and steps aside while the form is on screen so it covers nothing there.
 */
export function JumpToReview({ targetId, label }: { targetId: string; label: string }) {
  const [formInView, setFormInView] = useState(false);
  useEffect(() => {
    const target = document.getElementById(targetId);
    if (!target) return;
    const observer = new IntersectionObserver(([entry]) => setFormInView(entry.isIntersecting));
    observer.observe(target);
    return () => observer.disconnect();
  }, [targetId]);
  if (formInView) return null;
  return (
    <a
      href={`#${targetId}`}
      data-testid="jump-to-review"
      className="fixed right-3 bottom-3 z-20 rounded-full bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-lg focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700 lg:hidden"
    >
      {label} ↓
    </a>
  );
}
