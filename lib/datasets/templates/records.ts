import { z } from "zod";
import { FORMATS, type FormatId } from "../formats";
import { parseRecord, RecordError } from "../formats/errors";
import type { Chat } from "./render";

const chatRecordSchema = z.looseObject({
  messages: z.array(z.looseObject({ role: z.string() })).min(1, "has no messages"),
  tools: z.array(z.looseObject({})).optional(),
});

/** Formats whose records a chat template can render. */
export const CHAT_FORMATS: FormatId[] = ["openai", "trl", "sharegpt"];

/** Refuses a format that is not chat messages before any record is read. */
export function assertChatFormat(format: FormatId): void {
  if (!CHAT_FORMATS.includes(format))
    throw new RecordError(`the ${format} format is not chat messages: a chat template renders ${CHAT_FORMATS.join(", ")} records`);
}

/**
 * The conversation a trainer hands to the chat template for one exported
 * record: `openai` and `trl` records as they are written (their `messages` and
 * `tools` are what `apply_chat_template` receives), `sharegpt` converted to
 * role-based messages first, as trainers convert it. Throws RecordError.
 */
export function chatOfRecord(format: FormatId, record: unknown): Chat {
  if (format === "openai" || format === "trl") {
    const r = parseRecord(chatRecordSchema, record);
    return { messages: r.messages, tools: r.tools };
  }
  if (format === "sharegpt") {
    const doc = FORMATS.sharegpt.fromRecord!(record);
    const r = chatRecordSchema.parse(FORMATS.trl.toRecord(doc));
    return { messages: r.messages, tools: r.tools };
  }
  assertChatFormat(format);
  throw new RecordError(`no chat reading of the ${format} format`);
}
