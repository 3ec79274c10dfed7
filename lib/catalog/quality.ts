import { z } from "zod";
import type { Db, Prisma, QualityVerdict, Tool } from "../db/client";
import type { CatalogGateway } from "./gateway";
import { assessRules, qualityReasonSchema, type QualityAssessment, type QualityConfig, type QualityReason } from "./quality-rules";
import { normalizationSchema, specOfTool, type ToolSpec } from "./spec";

export { assessRules, DEFAULT_QUALITY_CONFIG, qualityConfigSchema, type QualityAssessment, type QualityConfig, type QualityReason } from "./quality-rules";

// A tool's quality: the rule checks, optionally blended with a grade from the
// judge role, stored on the tool as verdict, score and reasons. A person's
// verdict overrules both and is kept until the spec changes.

export const llmGradeSchema = z.object({
  clarity: z.number().int().min(1).max(5).describe("How clearly the description and parameters say what the tool does and how to call it"),
  usefulness: z.number().int().min(1).max(5).describe("How useful the tool would be to an assistant helping real users"),
  accept: z.boolean().describe("Whether the tool belongs in a training catalogue"),
  reasons: z.array(z.string().max(300)).max(5).describe("Short reasons for the grades"),
});
export type LlmGrade = z.infer<typeof llmGradeSchema>;

function gradePrompt(spec: ToolSpec) {
  return [
    {
      role: "system" as const,
      content:
        "You review tool definitions for a catalogue used to train tool-using assistants. Grade the tool's clarity and usefulness from 1 to 5, say whether to accept it, and give short reasons.",
    },
    { role: "user" as const, content: `Tool definition:\n${JSON.stringify(spec, null, 2).slice(0, 8_000)}` },
  ];
}

/** Blends the judge's grade into a rule assessment. */
export function withLlmGrade(rules: QualityAssessment, grade: LlmGrade, config: QualityConfig): QualityAssessment {
  const llmScore = (grade.clarity - 1 + grade.usefulness - 1) / 8;
  const score = Math.round(((1 - config.llmWeight) * rules.score + config.llmWeight * llmScore) * 1000) / 1000;
  const reason: QualityReason = {
    code: grade.accept ? "llm_grade" : "llm_rejected",
    message: `judge: clarity ${grade.clarity}/5, usefulness ${grade.usefulness}/5${grade.reasons.length ? ` — ${grade.reasons.join("; ")}` : ""}`,
    penalty: Math.round((rules.score - score) * 1000) / 1000,
    by: "llm",
  };
  const reasons = [...rules.reasons, reason];
  return { accepted: score >= config.acceptAt && !reasons.some((r) => r.blocking), score, reasons };
}

export async function assessTool(
  tool: Pick<Tool, "name" | "title" | "description" | "inputSchema" | "outputSchema" | "annotations" | "normalizations">,
  config: QualityConfig,
  llm?: { gateway: CatalogGateway; runId?: string; signal?: AbortSignal },
): Promise<QualityAssessment> {
  const spec = specOfTool(tool);
  const normalizations = z.array(normalizationSchema).catch([]).parse(tool.normalizations);
  const rules = assessRules(spec, normalizations, config);
  // a tool the rules block is not worth a model call
  if (!llm || rules.reasons.some((r) => r.blocking)) return rules;
  const { value } = await llm.gateway.structured(
    "judge",
    { messages: gradePrompt(spec), schema: llmGradeSchema, name: "tool_quality" },
    { runId: llm.runId, signal: llm.signal },
  );
  return withLlmGrade(rules, value, config);
}

/** Stores many verdicts in one statement. */
export async function saveQualities(db: Db, toolIds: string[], assessments: QualityAssessment[]): Promise<void> {
  if (!toolIds.length) return;
  const verdicts = assessments.map((a) => (a.accepted ? "accepted" : "rejected"));
  const scores = assessments.map((a) => a.score);
  const reasons = assessments.map((a) => JSON.stringify(a.reasons));
  await db.$executeRaw`update "Tool" t set quality = v.q::"QualityVerdict", "qualityScore" = v.s, "qualityReasons" = v.r::jsonb, "updatedAt" = now()
    from unnest(${toolIds}::text[], ${verdicts}::text[], ${scores}::float8[], ${reasons}::text[]) as v(id, q, s, r) where t.id = v.id`;
}

export function parseReasons(value: unknown): QualityReason[] {
  return z.array(qualityReasonSchema).catch([]).parse(value);
}

export function isOverruled(reasons: unknown): boolean {
  return parseReasons(reasons).some((r) => r.code === "overruled");
}

/** A person's verdict on a tool; the quality stage leaves it alone until the spec changes. */
export async function overruleQuality(db: Db, toolId: string, verdict: Exclude<QualityVerdict, "pending">, by: string, note = ""): Promise<void> {
  const tool = await db.tool.findUniqueOrThrow({ where: { id: toolId }, select: { qualityReasons: true } });
  const reasons = parseReasons(tool.qualityReasons).filter((r) => r.code !== "overruled");
  reasons.push({
    code: "overruled",
    message: `${by} ${verdict === "accepted" ? "accepted" : "rejected"} the tool${note ? `: ${note}` : ""}`,
    penalty: 0,
    by: "person",
  });
  await db.tool.update({ where: { id: toolId }, data: { quality: verdict, qualityReasons: reasons as Prisma.InputJsonValue } });
}
