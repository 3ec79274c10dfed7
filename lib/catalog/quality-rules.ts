import { z } from "zod";
import { injectionFindings, modelFacingTexts } from "./quality-injection";
import { patternFindings } from "./quality-patterns";
import { schemaProblem } from "./schema-check";
import type { Normalization, ToolSpec } from "./spec";

// Rule checks on a tool spec. Each finding is a reason with a penalty taken
// off a score that starts at 1; a blocking reason rejects whatever the score.

export const qualityConfigSchema = z.object({
  /** score at or above which a tool is accepted */
  acceptAt: z.number().min(0).max(1).default(0.6),
  minDescriptionChars: z.number().int().min(0).default(20),
  maxDescriptionChars: z.number().int().min(100).default(4_000),
  maxSchemaBytes: z.number().int().min(1_000).default(50_000),
  maxProperties: z.number().int().min(1).default(60),
  /** weight of the LLM grade in the final score when the LLM check runs */
  llmWeight: z.number().min(0).max(1).default(0.4),
});
export type QualityConfig = z.infer<typeof qualityConfigSchema>;
export const DEFAULT_QUALITY_CONFIG: QualityConfig = qualityConfigSchema.parse({});

export const qualityReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  penalty: z.number(),
  blocking: z.boolean().optional(),
  by: z.enum(["rules", "llm", "person"]).default("rules"),
});
export type QualityReason = z.infer<typeof qualityReasonSchema>;

export type QualityAssessment = { accepted: boolean; score: number; reasons: QualityReason[] };

const PLACEHOLDER =
  /^(todo|tbd|fixme|n\/?a|none|null|test|testing|xxx+|placeholder|description|desc|lorem ipsum.*|no description( provided)?\.?|add description here\.?|\.+|-+|\?+)$/i;
const PLACEHOLDER_INSIDE = /\b(lorem ipsum|todo:|fixme|tbd|insert description|describe (this|the) tool)\b/i;
const GENERIC_NAMES = new Set([
  "tool",
  "test",
  "function",
  "func",
  "run",
  "do",
  "execute",
  "call",
  "foo",
  "bar",
  "baz",
  "my_tool",
  "mytool",
  "tool1",
  "test_tool",
  "untitled",
  "unnamed",
  "new_tool",
]);
const GENERIC_PARAM = /^(arg|param|p|x|input|value|field)\d*$/i;
const SECRETS: [RegExp, string][] = [
  [/\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/, "an OpenAI-style API key"],
  [/\bAKIA[0-9A-Z]{16}\b/, "an AWS access key"],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/, "a GitHub token"],
  [/\bxox[abpr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, "a Google API key"],
  [/"(password|passwd|secret|api_?key|token)"\s*:\s*\{[^{}]*"default"\s*:\s*"[^"]{6,}"/i, "a default value for a secret parameter"],
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

function depth(value: unknown, d = 0): number {
  if (d > 32) return d;
  // a loop, not Math.max(...children): spreading 200 000 properties as arguments overflows the stack
  let deepest = d;
  const children = Array.isArray(value) ? value : isObj(value) ? Object.values(value) : [];
  for (const child of children) deepest = Math.max(deepest, depth(child, d + 1));
  return deepest;
}

function isTyped(schema: unknown): boolean {
  return isObj(schema) && ["type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref"].some((k) => k in schema);
}

function checkDescription(spec: ToolSpec, config: QualityConfig, add: (r: Omit<QualityReason, "by">) => void) {
  const d = spec.description.trim();
  if (!d) return add({ code: "description_missing", message: "no description: a model cannot tell when to use this tool", penalty: 0.6, blocking: true });
  if (PLACEHOLDER.test(d)) return add({ code: "description_placeholder", message: `the description "${d}" is a placeholder`, penalty: 0.6, blocking: true });
  if (PLACEHOLDER_INSIDE.test(d)) add({ code: "description_placeholder", message: "the description contains placeholder text", penalty: 0.3 });
  if (d.length < config.minDescriptionChars || words(d).length < 4)
    add({ code: "description_short", message: `the description is very short (${d.length} characters)`, penalty: 0.25 });
  const nameWords = words(spec.name.replace(/([a-z])([A-Z])/g, "$1 $2"));
  const descWords = words(d);
  if (descWords.length && descWords.every((w) => nameWords.includes(w)))
    add({ code: "description_repeats_name", message: "the description only repeats the name", penalty: 0.3 });
  if (d.length > config.maxDescriptionChars) add({ code: "description_long", message: `the description is ${d.length} characters long`, penalty: 0.15 });
}

function checkParameters(spec: ToolSpec, config: QualityConfig, add: (r: Omit<QualityReason, "by">) => void) {
  const schema = spec.inputSchema;
  const props = isObj(schema.properties) ? schema.properties : {};
  const names = Object.keys(props);
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  const unknown = required.filter((r) => typeof r !== "string" || !(r in props));
  if (unknown.length)
    add({
      code: "required_not_in_properties",
      message: `required ${unknown.map((u) => `"${String(u)}"`).join(", ")} not among the parameters`,
      penalty: 0.5,
      blocking: true,
    });
  if (!names.length) return;
  const undescribed = names.filter((n) => !(isObj(props[n]) && typeof props[n].description === "string" && (props[n].description as string).trim()));
  if (undescribed.length)
    add({
      code: "parameters_undescribed",
      message: `${undescribed.length} of ${names.length} parameters have no description (${undescribed.slice(0, 5).join(", ")})`,
      penalty: 0.3 * (undescribed.length / names.length),
    });
  const untyped = names.filter((n) => !isTyped(props[n]));
  if (untyped.length)
    add({
      code: "parameters_untyped",
      message: `${untyped.length} of ${names.length} parameters have no type (${untyped.slice(0, 5).join(", ")})`,
      penalty: 0.2 * (untyped.length / names.length),
    });
  const generic = names.filter((n) => GENERIC_PARAM.test(n));
  if (generic.length) add({ code: "parameter_names_generic", message: `parameter names say nothing: ${generic.slice(0, 5).join(", ")}`, penalty: 0.1 });
  if (names.length > config.maxProperties) add({ code: "too_many_parameters", message: `${names.length} parameters`, penalty: 0.2 });
}

function checkName(spec: ToolSpec, normalizations: Normalization[], add: (r: Omit<QualityReason, "by">) => void) {
  const lower = spec.name.toLowerCase();
  if (GENERIC_NAMES.has(lower)) add({ code: "name_generic", message: `the name "${spec.name}" says nothing about what the tool does`, penalty: 0.3 });
  else if (spec.name.length < 3 || /^[\d_-]+$/.test(spec.name))
    add({ code: "name_short", message: `the name "${spec.name}" is too short to be meaningful`, penalty: 0.2 });
  if (normalizations.some((n) => n.path === "name")) add({ code: "name_changed", message: "the name was changed to be a legal function name", penalty: 0.05 });
}

function checkSizeAndSecrets(spec: ToolSpec, config: QualityConfig, add: (r: Omit<QualityReason, "by">) => void) {
  const text = JSON.stringify(spec);
  const schemaBytes = JSON.stringify(spec.inputSchema).length;
  if (schemaBytes > config.maxSchemaBytes)
    add({ code: "schema_too_large", message: `the input schema is ${Math.round(schemaBytes / 1000)} kB`, penalty: 0.5, blocking: true });
  if (depth(spec.inputSchema) > 16) add({ code: "schema_too_deep", message: "the input schema nests more than 16 levels", penalty: 0.2 });
  for (const [pattern, what] of SECRETS) {
    if (pattern.test(text)) {
      add({ code: "secret", message: `the spec contains what looks like ${what}`, penalty: 1, blocking: true });
      break;
    }
  }
}

function checkPatterns(spec: ToolSpec, add: (r: Omit<QualityReason, "by">) => void) {
  // a pattern RE2 cannot run is legal JSON Schema: the tool stays usable, but calls to it are not checked
  for (const f of patternFindings(spec.inputSchema).slice(0, 3)) {
    if (f.code === "pattern_catastrophic") add({ code: f.code, message: f.message, penalty: 0.5, blocking: true });
    else add({ code: f.code, message: f.message, penalty: 0.2 });
  }
}

function checkInjection(spec: ToolSpec, add: (r: Omit<QualityReason, "by">) => void) {
  const texts = modelFacingTexts(spec);
  // U+FFFD is what a lenient decoder leaves of bytes that were not UTF-8 (an MCP server's output is decoded that way)
  const mangled = texts.find((t) => t.text.includes("\uFFFD"));
  if (mangled)
    add({
      code: "text_not_utf8",
      message: `${mangled.where} holds U+FFFD replacement characters: it was not valid UTF-8 where it came from`,
      penalty: 0.5,
      blocking: true,
    });
  for (const { where, text } of texts) {
    const found = injectionFindings(text);
    if (!found.length) continue;
    const what = found.map((f) => (f.excerpt ? `${f.what} ("${f.excerpt}")` : f.what)).join("; ");
    // one reason is enough to reject; the first text found names where to look
    return add({
      code: "prompt_injection",
      message: `${where} holds text aimed at the model reading it, not a description: ${what}`,
      penalty: 1,
      blocking: true,
    });
  }
}

/** Rule-based quality of one spec. Pure and fast: also the gate synthetic tools pass. */
export function assessRules(spec: ToolSpec, normalizations: Normalization[] = [], config: QualityConfig = DEFAULT_QUALITY_CONFIG): QualityAssessment {
  const reasons: QualityReason[] = [];
  const add = (r: Omit<QualityReason, "by">) => reasons.push({ ...r, penalty: Math.round(r.penalty * 1000) / 1000, by: "rules" });
  const problem = schemaProblem(spec.inputSchema);
  if (problem) add({ code: "schema_invalid", message: `the input schema is not valid JSON Schema: ${problem}`, penalty: 1, blocking: true });
  if (spec.inputSchema.type !== "object")
    add({ code: "schema_not_object", message: "the input schema does not describe an object of named parameters", penalty: 0.4, blocking: true });
  checkDescription(spec, config, add);
  checkParameters(spec, config, add);
  checkName(spec, normalizations, add);
  checkSizeAndSecrets(spec, config, add);
  checkPatterns(spec, add);
  checkInjection(spec, add);
  if (normalizations.length > 5) add({ code: "many_fixes", message: `the spec needed ${normalizations.length} fixes to be read`, penalty: 0.05 });
  const score = Math.max(0, Math.round((1 - reasons.reduce((s, r) => s + r.penalty, 0)) * 1000) / 1000);
  return { accepted: score >= config.acceptAt && !reasons.some((r) => r.blocking), score, reasons };
}
