import { embeddingText } from "../catalog/embed-text";
import { assessRules, type QualityConfig } from "../catalog/quality";
import { specHash } from "../catalog/spec";
import { catalogSpec } from "./tool-spec";
import type { ToolChecks } from "./vetting";

/** The catalogue's own rules, hash and embedding text, so synthetic tools are judged exactly as real ones. */
export function catalogChecks(thresholds: QualityConfig): ToolChecks {
  return {
    quality: (spec) => assessRules(catalogSpec(spec), [], thresholds),
    specHash: (spec) => specHash(catalogSpec(spec)),
    embeddingText,
  };
}
