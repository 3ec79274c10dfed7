import { randomUUID } from "node:crypto";
import { createDb, type Db } from "../db/client";
import { databaseUrl } from "../env";
import { labelTrajectory, type LabelInput, type LabelResult } from "./label";
import { claimNext } from "./queues";

// Many reviewers labelling one queue at once, as people would: each claims
// the next trajectory, reads it, labels it; now and then one re-labels a
// trajectory that others are re-labelling too, saying which review it saw,
// so stale writes are refused. Used by test/faults/concurrent-reviewers.test.ts
// (checks) and by `npm run bench` (labels per second, conflicts).

export type ReviewerScenarioOptions = {
  reviewers: number;
  durationMs: number;
  /** trajectories in the queue */
  trajectories: number;
  /** share of a reviewer's turns spent re-labelling a recently labelled trajectory */
  editShare?: number;
  /** how many of the latest labelled trajectories the re-labels go to (few: they collide) */
  hotSet?: number;
  /** a reviewer's reading time between loading a trajectory and labelling it */
  thinkMs?: number;
};

export type LabelRecord = { reviewId: string; trajectoryId: string; reviewerId: string; basedOn: string | null; fromQueue: boolean };

export type ScenarioResult = {
  queueId: string;
  trajectoryIds: string[];
  reviewerIds: string[];
  seconds: number;
  labels: LabelRecord[];
  /** labels refused because someone reviewed the trajectory after the reviewer read it */
  conflicts: { trajectoryId: string; reviewerId: string; error: string }[];
  /** anything else that went wrong: must stay empty */
  failures: { reviewerId: string; error: string }[];
  /** every claim, in order */
  claims: { trajectoryId: string; reviewerId: string }[];
  /** a trajectory claimed while another reviewer held it */
  doubleAssignments: { trajectoryId: string; holders: string[] }[];
  /** milliseconds each claimNext and each labelTrajectory call took */
  timings: { claimMs: number[]; labelMs: number[] };
};

export const STALE_WRITE = /^Someone reviewed this trajectory after you opened it/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Trajectories (no messages: labelling does not read them) with a tag of their own, the reviewers, and a queue of that tag. */
async function prepare(db: Db, opts: ReviewerScenarioOptions) {
  const tag = randomUUID().slice(0, 8);
  const trajectoryIds = Array.from({ length: opts.trajectories }, (_, i) => `conc-${tag}-${String(i).padStart(5, "0")}`);
  const base = Date.now() - opts.trajectories;
  await db.trajectory.createMany({
    data: trajectoryIds.map((id, i) => ({ id, endReason: "agent_finished", createdAt: new Date(base + i), tags: [`conc-${tag}`] })),
  });
  const reviewerIds = Array.from({ length: opts.reviewers }, (_, i) => `conc-${tag}-reviewer-${i}`);
  await db.user.createMany({
    data: reviewerIds.map((id, i) => ({ id, name: `Reviewer ${i + 1}`, email: `${id}@studio.test`, role: "reviewer" as const })),
  });
  const queue = await db.reviewQueue.create({ data: { name: `Concurrency ${tag}`, filter: { query: `tag=conc-${tag}` } } });
  return { queueId: queue.id, trajectoryIds, reviewerIds };
}

async function latestReviewId(db: Db, trajectoryId: string): Promise<string | null> {
  const latest = await db.review.findFirst({ where: { trajectoryId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
  return latest?.id ?? null;
}

export async function runReviewerScenario(db: Db, opts: ReviewerScenarioOptions): Promise<ScenarioResult> {
  const editShare = opts.editShare ?? 0.3;
  const hotSet = opts.hotSet ?? 4;
  const thinkMs = opts.thinkMs ?? 3;
  const { queueId, trajectoryIds, reviewerIds } = await prepare(db, opts);
  const result: ScenarioResult = {
    queueId,
    trajectoryIds,
    reviewerIds,
    seconds: 0,
    labels: [],
    conflicts: [],
    failures: [],
    claims: [],
    doubleAssignments: [],
    timings: { claimMs: [], labelMs: [] },
  };
  const holders = new Map<string, string>();
  const labelled: string[] = [];
  let queueEmpty = false;

  const label = async (reviewerId: string, input: LabelInput, fromQueue: boolean): Promise<LabelResult> => {
    const t0 = performance.now();
    const r = await labelTrajectory(db, reviewerId, input);
    result.timings.labelMs.push(performance.now() - t0);
    if (r.ok) {
      result.labels.push({ reviewId: r.reviewId, trajectoryId: input.trajectoryId, reviewerId, basedOn: input.basedOnReviewId ?? null, fromQueue });
      if (fromQueue) labelled.push(input.trajectoryId);
    } else if (r.conflict && STALE_WRITE.test(r.error)) result.conflicts.push({ trajectoryId: input.trajectoryId, reviewerId, error: r.error });
    else result.failures.push({ reviewerId, error: r.error });
    return r;
  };

  const fromQueue = async (reviewerId: string) => {
    const t0 = performance.now();
    const claim = await claimNext(db, queueId, reviewerId);
    result.timings.claimMs.push(performance.now() - t0);
    if (!claim) {
      queueEmpty = true;
      return;
    }
    result.claims.push({ trajectoryId: claim.trajectoryId, reviewerId });
    const holder = holders.get(claim.trajectoryId);
    if (holder && holder !== reviewerId) result.doubleAssignments.push({ trajectoryId: claim.trajectoryId, holders: [holder, reviewerId] });
    holders.set(claim.trajectoryId, reviewerId);
    const seen = await latestReviewId(db, claim.trajectoryId);
    await sleep(Math.random() * thinkMs);
    const verdict = Math.random() < 0.5 ? "accepted" : "rejected";
    await label(reviewerId, { trajectoryId: claim.trajectoryId, verdict, queueId, basedOnReviewId: seen, note: "from the queue" }, true);
    holders.delete(claim.trajectoryId);
  };

  const relabel = async (reviewerId: string) => {
    const hot = labelled.slice(-hotSet);
    const trajectoryId = hot[Math.floor(Math.random() * hot.length)];
    const seen = await latestReviewId(db, trajectoryId);
    await sleep(Math.random() * thinkMs);
    const verdict = Math.random() < 0.5 ? "accepted" : "rejected";
    await label(
      reviewerId,
      { trajectoryId, verdict, basedOnReviewId: seen, note: "second look", criteria: { answered: Math.round(Math.random() * 4) / 4 } },
      false,
    );
  };

  const started = performance.now();
  const end = Date.now() + opts.durationMs;
  await Promise.all(
    reviewerIds.map(async (reviewerId) => {
      while (Date.now() < end) {
        try {
          const edit = labelled.length > 0 && (queueEmpty || Math.random() < editShare);
          await (edit ? relabel(reviewerId) : fromQueue(reviewerId));
          if (queueEmpty && labelled.length === 0) return;
        } catch (e) {
          result.failures.push({ reviewerId, error: e instanceof Error ? e.message : String(e) });
        }
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * What must hold after the scenario, as sentences (empty: all is well): every
 * successful label is stored once, no two accepted labels of a trajectory were
 * based on the same review (a lost update), each trajectory was claimed by one
 * reviewer only and its assignment closed by that reviewer's label.
 */
export async function scenarioProblems(db: Db, r: ScenarioResult): Promise<string[]> {
  const problems: string[] = [];
  if (r.failures.length) problems.push(`${r.failures.length} calls failed otherwise than as a stale write, e.g. ${r.failures[0].error}`);
  if (r.doubleAssignments.length) problems.push(`${r.doubleAssignments.length} trajectories were handed to two reviewers at once`);

  const reviews = await db.review.findMany({ where: { trajectoryId: { in: r.trajectoryIds } }, select: { id: true, trajectoryId: true, reviewerId: true } });
  const byId = new Map(reviews.map((x) => [x.id, x]));
  if (reviews.length !== r.labels.length) problems.push(`${reviews.length} reviews stored for ${r.labels.length} successful labels`);
  for (const l of r.labels) {
    const stored = byId.get(l.reviewId);
    if (!stored || stored.trajectoryId !== l.trajectoryId || stored.reviewerId !== l.reviewerId) problems.push(`label ${l.reviewId} is not stored as written`);
  }

  const chains = new Map<string, LabelRecord[]>();
  for (const l of r.labels) chains.set(l.trajectoryId, [...(chains.get(l.trajectoryId) ?? []), l]);
  for (const [trajectoryId, labels] of chains) {
    const bases = labels.map((l) => l.basedOn);
    if (new Set(bases).size !== bases.length) problems.push(`two labels of ${trajectoryId} were based on the same review: one overwrote the other unseen`);
    if (bases.filter((b) => b === null).length !== 1)
      problems.push(`${trajectoryId} has ${bases.filter((b) => b === null).length} labels made without any earlier review`);
    if (bases.some((b) => b !== null && byId.get(b)?.trajectoryId !== trajectoryId))
      problems.push(`a label of ${trajectoryId} was based on another trajectory's review`);
  }

  const claimedBy = new Map<string, Set<string>>();
  for (const c of r.claims) claimedBy.set(c.trajectoryId, (claimedBy.get(c.trajectoryId) ?? new Set()).add(c.reviewerId));
  const shared = [...claimedBy.values()].filter((s) => s.size > 1).length;
  if (shared) problems.push(`${shared} trajectories were claimed by more than one reviewer`);
  const assignments = await db.reviewAssignment.findMany({ where: { queueId: r.queueId }, select: { trajectoryId: true, reviewerId: true, status: true } });
  const queueLabels = r.labels.filter((l) => l.fromQueue);
  const open = assignments.filter((a) => a.status !== "done");
  if (open.length) problems.push(`${open.length} assignments were left open`);
  if (assignments.length !== queueLabels.length) problems.push(`${assignments.length} assignments for ${queueLabels.length} labels from the queue`);
  const labelBy = new Map(queueLabels.map((l) => [l.trajectoryId, l.reviewerId]));
  if (assignments.some((a) => labelBy.get(a.trajectoryId) !== a.reviewerId)) problems.push("an assignment was closed by someone other than its holder");
  return problems;
}

/** Deletes what the scenario made (the trajectories take their reviews and assignments with them). */
export async function cleanUpScenario(db: Db, r: ScenarioResult): Promise<void> {
  await db.reviewQueue.delete({ where: { id: r.queueId } });
  await db.trajectory.deleteMany({ where: { id: { in: r.trajectoryIds } } });
  await db.user.deleteMany({ where: { id: { in: r.reviewerIds } } });
}

type Figure = { name: string; value: number; unit: string; target?: string };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0;
}

/** `npm run bench`: twenty reviewers on one queue for a minute. */
export async function benchConcurrentReviewers(opts: Partial<ReviewerScenarioOptions> = {}): Promise<Figure[]> {
  const reviewers = opts.reviewers ?? 20;
  // a pool as large as the crowd, as a web server under this load would need
  const db = createDb(databaseUrl(), { max: reviewers + 4 });
  try {
    const r = await runReviewerScenario(db, { reviewers, durationMs: opts.durationMs ?? 60_000, trajectories: opts.trajectories ?? 5_000, ...opts });
    const problems = await scenarioProblems(db, r);
    for (const p of problems) console.error(`[bench] review concurrency: ${p}`);
    await cleanUpScenario(db, r);
    const attempts = r.labels.filter((l) => !l.fromQueue).length + r.conflicts.length;
    return [
      { name: `labels per second, ${reviewers} reviewers on one queue for ${Math.round(r.seconds)} s`, value: r.labels.length / r.seconds, unit: "labels/s" },
      { name: "trajectories labelled from the queue", value: r.labels.filter((l) => l.fromQueue).length, unit: "trajectories" },
      { name: "stale writes refused (re-labels of a trajectory someone else had just labelled)", value: r.conflicts.length, unit: "conflicts" },
      { name: "share of re-labels refused as stale", value: attempts ? r.conflicts.length / attempts : 0, unit: "ratio" },
      { name: `claimNext under ${reviewers} concurrent reviewers (median)`, value: percentile(r.timings.claimMs, 0.5), unit: "ms" },
      { name: `claimNext under ${reviewers} concurrent reviewers (p95)`, value: percentile(r.timings.claimMs, 0.95), unit: "ms", target: "< 100 ms" },
      { name: `label under ${reviewers} concurrent reviewers (p95)`, value: percentile(r.timings.labelMs, 0.95), unit: "ms" },
      { name: "lost updates, double assignments and other failures", value: problems.length, unit: "problems", target: "<= 0" },
    ];
  } finally {
    await db.$disconnect();
  }
}
