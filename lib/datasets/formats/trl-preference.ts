import type { TrajectoryDoc } from "../../trajectory/types";
import type { TrajectorySource } from "./chat-doc";
import { exportRecord } from "./export-record";
import { recordLine } from "./record-line";
import type { Adjustment } from "./types";
import type { TrlMessage, TrlRecord } from "./validate";

// TRL's conversational preference rows (DPOTrainer, RewardTrainer …), as its
// dataset-formats guide documents them: `prompt` is the conversation both
// trajectories share, `chosen` and `rejected` are how each continues, and
// `tools` declares the functions for the chat template. Each trajectory goes
// through the `trl` export first (exportRecord), so every message is the one
// that format writes, with the arguments' text as the model wrote it.

export const PREFERENCE_FORMAT = "trl-preference";

export type PreferenceSide = { doc: TrajectoryDoc; source: TrajectorySource };
export type PreferenceRow = { prompt: TrlMessage[]; chosen: TrlMessage[]; rejected: TrlMessage[]; tools: NonNullable<TrlRecord["tools"]> };
export type PreferenceRecord =
  { ok: true; record: PreferenceRow; line: string; adjustments: Adjustment[]; promptTurns: number } | { ok: false; reasons: string[] };

const same = (x: unknown, y: unknown) => recordLine(x) === recordLine(y);

/**
 * The preference row of two trajectories, or why they cannot make one. The
 * prompt is their common prefix (up to the fork point), cut back so that both
 * completions open with an assistant turn, which is what a trainer learns.
 */
export function preferenceRecord(chosen: PreferenceSide, rejected: PreferenceSide): PreferenceRecord {
  const c1 = exportRecord("trl", chosen.doc, chosen.source);
  const r1 = exportRecord("trl", rejected.doc, rejected.source);
  if (!c1.ok || !r1.ok) {
    const why = (side: string, e: typeof c1) => (e.ok ? [] : e.reasons.map((x) => `${side}: ${x}`));
    return { ok: false, reasons: [...why("chosen", c1), ...why("rejected", r1)] };
  }
  const [c, r] = [c1.record as TrlRecord, r1.record as TrlRecord];
  if (!same(c.tools, r.tools)) return { ok: false, reasons: ["the two trajectories offer the agent different tools, so they have no common prompt"] };

  let shared = 0;
  while (shared < c.messages.length && shared < r.messages.length && same(c.messages[shared], r.messages[shared])) shared++;
  if (shared === c.messages.length && shared === r.messages.length)
    return { ok: false, reasons: ["the two trajectories are the same conversation: there is nothing to prefer"] };
  let cut = shared;
  while (cut > 0 && !(c.messages[cut]?.role === "assistant" && r.messages[cut]?.role === "assistant")) cut--;
  const prompt = c.messages.slice(0, cut);
  if (!prompt.some((m) => m.role === "user")) {
    return { ok: false, reasons: [`no common prefix: the two trajectories part at step ${shared}, before a user turn both answer`] };
  }
  const record: PreferenceRow = { prompt, chosen: c.messages.slice(cut), rejected: r.messages.slice(cut), tools: c.tools ?? [] };
  const adjustments = new Set([...c1.adjustments, ...r1.adjustments]);
  return { ok: true, record, line: recordLine(record), adjustments: [...adjustments], promptTurns: cut };
}
