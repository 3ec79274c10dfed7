import type { PgBoss } from "pg-boss";
import type { Db, Prisma, Run } from "../db/client";
import { recordedSpend } from "../llm/accounting";
import { usd } from "../money";
import { DAILY_BUDGET_KEY, dailyBudgetSchema, isParked, type RunBudget } from "./budget-schema";
import { STAGE_QUEUE, type StageJob } from "./queue";

export { isParked };

// Budgets. A run checks its spend before it starts an item (ctx.item): past
// its own cap, or past the workspace's daily cap, it starts no more items, lets
// the ones in progress finish, and is parked: paused with the reason and no
// worker (heartbeatAt null), so it holds no worker slot while it waits. Raising
// the cap resumes it; a run parked by the daily cap also resumes once the UTC
// day turns (the worker looks every minute, see resumeParkedRuns).
//
// A run's spend is its Run counters when its worker took it plus what the
// worker's gateway has priced for it since (recordedSpend), known the moment
// each call returns. An item in progress is never cut short, so a run
// overruns its cap by at most what the items in progress when the cap is
// reached go on to spend: up to the stage's items in flight (a judge run at
// concurrency 16 keeps 32), each with its remaining calls. The caps
// themselves, and the workspace's spend today (every worker's calls, from
// the LlmCall rows, written ~50 ms after each call), are read again every
// REREAD_MS, so the daily cap is also overrun by what all runs spend in that
// time.

/** How long a read of a run's caps and of the day's spend serves the items that start meanwhile. */
const REREAD_MS = 1_000;
/** How often a worker looks for parked runs that may go on. */
export const RESUME_EVERY_MS = 60_000;

export class BudgetReached extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "BudgetReached";
  }
}

type RunSpend = Pick<Run, "costUsd" | "promptTokens" | "completionTokens" | "budgetUsd" | "budgetTokens">;

/** Why the run may not start another item because of its own caps, or null. */
export function runBudgetReason(run: RunSpend): string | null {
  if (run.budgetUsd !== null && run.costUsd >= run.budgetUsd) {
    return `run budget reached: ${usd(run.costUsd)} of ${usd(run.budgetUsd)} spent; raise the run's budget to resume`;
  }
  const tokens = run.promptTokens + run.completionTokens;
  if (run.budgetTokens !== null && tokens >= run.budgetTokens) {
    return `run budget reached: ${tokens.toLocaleString("en")} of ${run.budgetTokens.toLocaleString("en")} tokens used; raise the run's budget to resume`;
  }
  return null;
}

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The workspace's daily cap in USD, or null when none is set. */
export async function readDailyBudget(db: Db): Promise<number | null> {
  const row = await db.setting.findUnique({ where: { key: DAILY_BUDGET_KEY } });
  const parsed = dailyBudgetSchema.safeParse({ usd: row?.value ?? null });
  return parsed.success ? parsed.data.usd : null;
}

export async function saveDailyBudget(db: Db, dailyUsd: number | null): Promise<void> {
  if (dailyUsd === null) {
    await db.setting.deleteMany({ where: { key: DAILY_BUDGET_KEY } });
    return;
  }
  await db.setting.upsert({ where: { key: DAILY_BUDGET_KEY }, create: { key: DAILY_BUDGET_KEY, value: dailyUsd }, update: { value: dailyUsd } });
}

/** What every call of every run recorded since 00:00 UTC of `now`'s day. */
export async function spentToday(db: Db, now = new Date()): Promise<number> {
  const sum = await db.llmCall.aggregate({ _sum: { costUsd: true }, where: { createdAt: { gte: startOfUtcDay(now) } } });
  return sum._sum.costUsd ?? 0;
}

export function dailyBudgetReason(spent: number, dailyUsd: number | null): string | null {
  if (dailyUsd === null || spent < dailyUsd) return null;
  return `daily budget reached: ${usd(spent)} of ${usd(dailyUsd)} spent today; resumes at 00:00 UTC or when an admin raises it`;
}

const SPEND = { costUsd: true, promptTokens: true, completionTokens: true, budgetUsd: true, budgetTokens: true } as const;

async function dailyStop(db: Db, now: Date): Promise<string | null> {
  const dailyUsd = await readDailyBudget(db);
  return dailyUsd === null ? null : dailyBudgetReason(await spentToday(db, now), dailyUsd);
}

/** Why the run may not start another item now, from the database alone (a run no worker holds), or null when it may. */
export async function budgetStop(db: Db, runId: string, now = new Date()): Promise<string | null> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: SPEND });
  return runBudgetReason(run) ?? (await dailyStop(db, now));
}

/**
 * For the worker working the run: `admit()` resolves when the run may start
 * an item and throws BudgetReached when it may not (see the top of this file).
 */
export function createBudgetGuard(db: Db, runId: string, rereadMs = REREAD_MS) {
  type Read = { at: number; caps: Pick<Run, "budgetUsd" | "budgetTokens">; daily: string | null };
  let base: Promise<{ run: RunSpend; recorded: { costUsd: number; tokens: number } }> | null = null;
  let last: Read | null = null;
  let reading: Promise<Read> | null = null;
  const read = async (): Promise<Read> => {
    const [caps, daily] = await Promise.all([
      db.run.findUniqueOrThrow({ where: { id: runId }, select: { budgetUsd: true, budgetTokens: true } }),
      dailyStop(db, new Date()),
    ]);
    return { at: Date.now(), caps, daily };
  };
  const reason = async (): Promise<string | null> => {
    // this process's spend is counted from the first look on; what came before is in the Run's counters
    base ??= (async () => {
      const recorded = recordedSpend(runId);
      return { run: await db.run.findUniqueOrThrow({ where: { id: runId }, select: SPEND }), recorded };
    })();
    const { run, recorded } = await base;
    if (!last || Date.now() - last.at > rereadMs) {
      reading ??= read().finally(() => (reading = null));
      last = await reading;
    }
    const now = recordedSpend(runId);
    const spent = {
      ...last.caps,
      costUsd: run.costUsd + now.costUsd - recorded.costUsd,
      promptTokens: run.promptTokens + run.completionTokens + now.tokens - recorded.tokens,
      completionTokens: 0,
    };
    return runBudgetReason(spent) ?? last.daily;
  };
  return {
    async admit(): Promise<void> {
      const stop = await reason();
      if (stop) throw new BudgetReached(stop);
    },
    /** Why the run may not go on, as its spend stands now; null when it may. */
    reason,
  };
}

const PARKED = { status: "paused", heartbeatAt: null } satisfies Prisma.RunWhereInput;

/** Parks a run its worker was working (see the top of this file). */
export async function parkRun(db: Db, runId: string, reason: string): Promise<void> {
  await db.run.updateMany({ where: { id: runId, status: { in: ["running", "paused"] } }, data: { status: "paused", pausedReason: reason, heartbeatAt: null } });
}

/** Queues a parked run again if no budget holds it now; true when it was queued. */
async function resumeIfAllowed(db: Db, boss: PgBoss, runId: string, now: Date): Promise<boolean> {
  if (await budgetStop(db, runId, now)) return false;
  // one statement: a run two workers look at is queued once
  const resumed = await db.run.updateMany({ where: { id: runId, ...PARKED }, data: { status: "queued", pausedReason: null } });
  if (resumed.count === 0) return false;
  await boss.send(STAGE_QUEUE, { runId } satisfies StageJob, { singletonKey: runId });
  return true;
}

/** Queues again every parked run whose budgets allow it now (a new day, a raised cap); returns how many. */
export async function resumeParkedRuns(db: Db, boss: PgBoss, now = new Date()): Promise<number> {
  const parked = await db.run.findMany({ where: PARKED, select: { id: true }, orderBy: { createdAt: "asc" } });
  let resumed = 0;
  for (const { id } of parked) if (await resumeIfAllowed(db, boss, id, now)) resumed++;
  return resumed;
}

export type SetBudgetResult = { ok: true; resumed: boolean; waiting: string | null } | { ok: false; error: string };

/**
 * Sets a run's caps (null removes one, absent keeps it). A run parked at its
 * budget is queued again at once if the caps allow it; otherwise `waiting`
 * says what still holds it.
 */
export async function setRunBudget(db: Db, boss: PgBoss, runId: string, budget: RunBudget, now = new Date()): Promise<SetBudgetResult> {
  const updated = await db.run.updateMany({
    where: { id: runId },
    data: { ...(budget.usd !== undefined ? { budgetUsd: budget.usd } : {}), ...(budget.tokens !== undefined ? { budgetTokens: budget.tokens } : {}) },
  });
  if (updated.count === 0) return { ok: false, error: "No such run" };
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { status: true, heartbeatAt: true } });
  if (!isParked(run)) return { ok: true, resumed: false, waiting: null };
  const resumed = await resumeIfAllowed(db, boss, runId, now);
  return { ok: true, resumed, waiting: resumed ? null : await budgetStop(db, runId, now) };
}

/** In a worker process: resumes parked runs every RESUME_EVERY_MS (a new UTC day lets daily-capped runs go on). */
export function resumeParkedRunsEvery(db: Db, boss: PgBoss, ms = RESUME_EVERY_MS): () => void {
  const timer = setInterval(
    () => void resumeParkedRuns(db, boss).catch((e: unknown) => console.error(`[jobs] resuming parked runs: ${e instanceof Error ? e.message : String(e)}`)),
    ms,
  );
  timer.unref();
  return () => clearInterval(timer);
}
