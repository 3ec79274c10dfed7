import { openaiFormat } from "./openai";
import { reactFormat } from "./react";
import { sharegptFormat } from "./sharegpt";
import { trlFormat } from "./trl";
import type { DatasetFormat, FormatId } from "./types";

export const FORMATS: Record<FormatId, DatasetFormat> = {
  openai: openaiFormat,
  trl: trlFormat,
  sharegpt: sharegptFormat,
  react: reactFormat,
};

export { formatIdSchema, type DatasetFormat, type FormatId } from "./types";
export { RecordError } from "./errors";
