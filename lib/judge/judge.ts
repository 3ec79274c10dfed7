import type { Db, Prisma } from "../db/client";
import { loadTrajectory } from "../trajectory/store";
import { refreshVerdicts } from "../trajectory/verdict";
import { INFRASTRUCTURE_FAILED } from "../trajectory/ended";
import { executionNotRun, judgeExecution, type ExecutionSandbox } from "./execution";
import type { JudgeConfig } from "./config";
import { decide, rubricNeeded, type Decision } from "./filter";
import type { JudgeGateway } from "./gateway";
import { PROMPT_VERSION, type JudgeTaskView } from "./judge-prompt";
import { emptyRubricLayer, judgeRubric, type RubricLayer } from "./rubric";
import { rubricCriteria } from "./rubric-criteria";
import { checkRules } from "./rules";
import { judgeState } from "./state";
import { assignBlame } from "./blame";
import { refreshTaskReviewFlag } from "./task-review-flag";
import { canonicalJson, sha256 } from "../llm/hash";

// One judgement = rules + execution + rubric, decided by the filter and
// appended (never updated) with the trajectory's derived verdict refreshed in
// the same transaction.

export type JudgeDeps = { db: Db; gateway: JudgeGateway; sandbox: ExecutionSandbox | null };

/**
 * Identifies a judge configuration: model, provider, prompt version and
 * every setting that can change a verdict. Calibration groups by it.
 */
export async function judgeConfigHash(gateway: JudgeGateway, config: JudgeConfig): Promise<string> {
  const { model, provider } = await gateway.info("judge");
  return sha256(canonicalJson({ model, provider, promptVersion: PROMPT_VERSION, rubric: config.rubric, filter: config.filter })).slice(0, 16);
}

/** The rubric column holds the rubric layer and the filter's decision (the schema has no column of its own for the latter). */
export type StoredRubric = RubricLayer & { decision: Decision };

const taskSelect = {
  goal: true,
  instruction: true,
  mode: true,
  difficulty: true,
  environment: true,
  rubric: true,
  verifier: true,
  blueprint: true,
  requiredTools: true,
  forbiddenTools: true,
} satisfies Prisma.TaskSelect;

export type JudgeOutcome = { judgementId: string; verdict: Decision["verdict"]; score: number; costUsd: number };

export async function judgeTrajectory(
  deps: JudgeDeps,
  trajectoryId: string,
  config: JudgeConfig,
  ctx: { runId?: string; signal?: AbortSignal; configHash?: string; cache?: boolean } = {},
): Promise<JudgeOutcome> {
  const { db, gateway } = deps;
  const [row, doc] = await Promise.all([
    db.trajectory.findUnique({ where: { id: trajectoryId }, select: { endReason: true, endError: true, taskId: true, task: { select: taskSelect } } }),
    loadTrajectory(db, trajectoryId),
  ]);
  if (!row || !doc) throw new Error(`Trajectory ${trajectoryId} does not exist`);
  const task = row.task;

  // an episode the infrastructure stopped says nothing about the agent: no code is run and no rubric judge asked
  const stopped = row.endReason === INFRASTRUCTURE_FAILED;
  const rules = checkRules({ doc, task, endReason: row.endReason, limits: config.filter.limits });
  const execution = stopped ? executionNotRun("The infrastructure stopped the episode") : await judgeExecution(deps.sandbox, task, doc, ctx.signal);
  const view: JudgeTaskView = {
    goal: task?.goal ?? doc.messages.find((m) => m.role === "user")?.content ?? "(no goal recorded)",
    instruction: task?.instruction ?? "",
    mode: task?.mode ?? "unknown mode",
    difficulty: task?.difficulty ?? "unknown difficulty",
    criteria: rubricCriteria(task?.rubric ?? []),
  };
  const rubric =
    !stopped && rubricNeeded(rules, execution, config.filter)
      ? await judgeRubric(gateway, { task: view, doc, settings: config.rubric }, { runId: ctx.runId, trajectoryId, signal: ctx.signal, cache: ctx.cache })
      : emptyRubricLayer("skipped", await gateway.info("judge"));
  const state = judgeState(doc, row.task?.blueprint ?? null);
  const decision = decide({ rules, execution, rubric, state }, config.filter);
  const blame = assignBlame({
    doc,
    endReason: row.endReason,
    endError: row.endError,
    task: task ? { goal: task.goal, mode: task.mode } : null,
    decision,
    execution,
    state,
    rubric,
  });
  const configHash = ctx.configHash ?? (await judgeConfigHash(gateway, config));
  const stored: StoredRubric = { ...rubric, decision };

  const judgementId = await db.$transaction(async (tx) => {
    const created = await tx.judgement.create({
      data: {
        trajectoryId,
        runId: ctx.runId ?? null,
        rules: rules as Prisma.InputJsonValue,
        execution: execution as Prisma.InputJsonValue,
        state: state as Prisma.InputJsonValue,
        blame: blame.blame,
        blameReasons: blame.reasons,
        rubric: stored as unknown as Prisma.InputJsonValue,
        verdict: decision.verdict,
        score: decision.score,
        confidence: rubric.confidence,
        agreement: rubric.agreement,
        judgeModel: rubric.model,
        promptVersion: PROMPT_VERSION,
        configHash,
        costUsd: rubric.costUsd,
      },
      select: { id: true },
    });
    await refreshVerdicts(tx, trajectoryId);
    if (row.taskId) await refreshTaskReviewFlag(tx, row.taskId);
    return created.id;
  });
  return { judgementId, verdict: decision.verdict, score: decision.score, costUsd: rubric.costUsd };
}
