import { QualityVerdict, ToolOrigin } from "../db/generated/enums";

// The catalogue's list filters as the Tools and Categories pages offer them,
// each list taken from the schema's enum. Pure: safe to import from any component.

export const TOOL_ORIGINS = Object.values(ToolOrigin);
export const QUALITY_VERDICTS = Object.values(QualityVerdict);
export const DUPLICATE_FILTERS = ["hide", "only"] as const;
export const DUPLICATE_FILTER_LABELS: Record<(typeof DUPLICATE_FILTERS)[number], string> = { hide: "hide duplicates", only: "only duplicates" };
