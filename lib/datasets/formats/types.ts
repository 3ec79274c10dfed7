import { z } from "zod";
import type { TrajectoryDoc } from "../../trajectory/types";

export const formatIdSchema = z.enum(["openai", "trl", "sharegpt", "react"]);
export type FormatId = z.infer<typeof formatIdSchema>;

export type JsonRecord = Record<string, unknown>;

/** One training-data format: a pure mapping from the canonical trajectory to one JSONL record, and back where it can. */
export type DatasetFormat = {
  id: FormatId;
  title: string;
  /** what a record holds, for the dataset card */
  description: string;
  toRecord(doc: TrajectoryDoc): JsonRecord;
  /** throws RecordError when the record cannot be read */
  fromRecord?: (record: unknown) => TrajectoryDoc;
};
