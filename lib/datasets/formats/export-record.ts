import type { TrajectoryDoc } from "../../trajectory/types";
import { chatDoc, type TrajectorySource } from "./chat-doc";
import { FORMATS } from "./index";
import { recordLine } from "./record-line";
import type { Adjustment, FormatId, JsonRecord } from "./types";

export type ExportedRecord = { ok: true; record: JsonRecord; line: string; adjustments: Adjustment[] } | { ok: false; reasons: string[] };

/**
 * One stored trajectory as a record of `format`, checked before anyone writes
 * it: the record, its JSONL line (arguments as the model wrote them) and what
 * had to be adjusted, or the reasons it cannot be a valid record.
 */
export function exportRecord(format: FormatId, doc: TrajectoryDoc, source: TrajectorySource): ExportedRecord {
  const chat = chatDoc(doc, source);
  if (!chat.ok) return chat;
  const adjustments = new Set(chat.adjustments);
  const record = FORMATS[format].toRecord(chat.doc, (a) => adjustments.add(a));
  const reasons = FORMATS[format].validate(record);
  if (reasons.length) return { ok: false, reasons };
  return { ok: true, record, line: recordLine(record), adjustments: [...adjustments] };
}
