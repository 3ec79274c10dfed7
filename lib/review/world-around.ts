import type { World } from "../world/world";
import type { WorldView } from "./world-view";

// Client-safe (world-view.ts reaches node:util through the blueprint checks).

/** The worlds on either side of step `step` (clamped to the steps there are). */
export function worldsAround(view: WorldView, step: number): { before: World; after: World } {
  const last = view.before.length - 2;
  const i = Math.min(Math.max(step, 0), Math.max(last, 0));
  return { before: view.worlds[view.before[i]], after: view.worlds[view.before[Math.min(i + 1, view.before.length - 1)]] };
}
