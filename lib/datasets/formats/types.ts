import { z } from "zod";
import type { TrajectoryDoc } from "../../trajectory/types";

export const formatIdSchema = z.enum(["openai", "trl", "sharegpt", "react"]);
export type FormatId = z.infer<typeof formatIdSchema>;

export type JsonRecord = Record<string, unknown>;

/** What an export changed, within a format's rules, to write a record; counted in the manifest, explained in the card. */
export const ADJUSTMENTS = {
  call_ids_generated: "call ids the studio had made up were replaced by nine letters and digits, as the strictest chat templates (Mistral) require",
  arguments_on_one_line:
    "arguments written across lines were put on one line (the line breaks between tokens removed) because this format carries them as a JSON value in a JSONL line",
  text_as_thought: "assistant text beside tool calls went into the function_call turn as a <think> thought, the only place ShareGPT's order leaves for it",
  observations_joined: "the results of parallel calls went into one observation turn as a JSON array of their texts, in call order",
  empty_user_turn:
    "a conversation the agent opens (a greeting) starts with an empty user turn, as strict role alternation requires (ShareGPT's order, Mistral-style chat templates)",
  user_turn_joined: "a user turn that did not answer an agent reply was appended to the observation before it",
} as const;
export type Adjustment = keyof typeof ADJUSTMENTS;

/** One training-data format: a pure mapping from the canonical trajectory to one JSONL record, and back where it can. */
export type DatasetFormat = {
  id: FormatId;
  title: string;
  /** what a record holds, for the dataset card */
  description: string;
  /** the record of a chat-ready trajectory (see chatDoc); `note` hears what had to be adjusted */
  toRecord(doc: TrajectoryDoc, note?: (adjustment: Adjustment) => void): JsonRecord;
  /** why the record cannot be trained on in this format (empty when it can) */
  validate(record: JsonRecord): string[];
  /** which turns a trainer learns from, where the format can say so, for the dataset card */
  trainingRule?: string;
  /** throws RecordError when the record cannot be read */
  fromRecord?: (record: unknown) => TrajectoryDoc;
};
