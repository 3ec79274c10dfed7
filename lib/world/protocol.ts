// How the tool simulator's request carries the world and the call, so any
// model (the offline one included) can read them back exactly.

export const WORLD_STEP_FORMAT = "world_step";
export const WORLD_MARKER = "World before this call (JSON): ";
export const CALL_MARKER = "This call (JSON): ";

/** The JSON after `marker` on one of `text`'s lines, or undefined. */
export function markedJson(text: string, marker: string): unknown {
  const line = text.split("\n").find((l) => l.startsWith(marker));
  if (!line) return undefined;
  try {
    return JSON.parse(line.slice(marker.length));
  } catch {
    return undefined;
  }
}
