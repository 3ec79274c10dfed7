import "server-only";
import { z } from "zod";
import type { Db, Judgement } from "../db/client";
import { executionLayerSchema, type ExecutionLayer } from "./execution";
import { decisionSchema, type Decision } from "./filter";
import { rubricLayerSchema, type RubricLayer } from "./rubric";
import { ruleCheckSchema, type RuleCheck } from "./rules";
import { stateLayerSchema, type StateLayer } from "./state";

/** A judgement row read back into its layers, for pages and calibration. */
export type JudgementView = {
  id: string;
  trajectoryId: string;
  createdAt: Date;
  verdict: Judgement["verdict"];
  score: number;
  confidence: number | null;
  agreement: number | null;
  judgeModel: string;
  promptVersion: string;
  configHash: string;
  costUsd: number;
  rules: RuleCheck[];
  execution: ExecutionLayer | null;
  rubric: RubricLayer | null;
  decision: Decision | null;
  state: StateLayer | null;
  blame: Judgement["blame"];
  blameReasons: string[];
};

const storedRubricSchema = rubricLayerSchema.extend({ decision: decisionSchema.optional() });

/** Reads the JSON columns through their schemas; a layer that does not parse (written by another version) shows as absent. */
export function judgementView(row: Judgement): JudgementView {
  const rules = z.array(ruleCheckSchema).safeParse(row.rules);
  const execution = executionLayerSchema.safeParse(row.execution);
  const rubric = storedRubricSchema.safeParse(row.rubric);
  const { decision, ...rubricLayer } = rubric.success ? rubric.data : { decision: undefined };
  return {
    id: row.id,
    trajectoryId: row.trajectoryId,
    createdAt: row.createdAt,
    verdict: row.verdict,
    score: row.score,
    confidence: row.confidence,
    agreement: row.agreement,
    judgeModel: row.judgeModel,
    promptVersion: row.promptVersion,
    configHash: row.configHash,
    costUsd: row.costUsd,
    rules: rules.success ? rules.data : [],
    execution: execution.success ? execution.data : null,
    rubric: rubric.success ? (rubricLayer as RubricLayer) : null,
    decision: decision ?? null,
    state: stateLayerSchema.safeParse(row.state).data ?? null,
    blame: row.blame,
    blameReasons: z.array(z.string()).catch([]).parse(row.blameReasons),
  };
}

/** A trajectory's judgements, newest first (the first one counts unless a review overrides it). */
export async function listJudgements(db: Pick<Db, "judgement">, trajectoryId: string): Promise<JudgementView[]> {
  const rows = await db.judgement.findMany({ where: { trajectoryId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(judgementView);
}
