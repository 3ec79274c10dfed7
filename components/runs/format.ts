import type { BadgeTone } from "@/components/ui/badge";

export const RUN_STATUS_TONE: Record<string, BadgeTone> = {
  queued: "gray",
  running: "blue",
  paused: "violet",
  succeeded: "green",
  partial: "amber",
  failed: "red",
  cancelled: "amber",
};

export function formatDuration(ms: number | null): string {
  if (ms == null) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function formatRate(rate: number | null): string {
  if (rate == null) return "—";
  return rate >= 10 ? `${Math.round(rate)}/s` : `${rate.toFixed(1)}/s`;
}

export function formatUsd(usd: number): string {
  return usd === 0 ? "$0" : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}
