import "server-only";
import { refusedBy, type Result } from "../actions/result";
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { Db, Prisma } from "../db/client";
import { filterOnly, listFilterQuery, listWhere, parseListFilter } from "./filter";
import { labelTrajectory, type LabelInput, type LabelResult } from "./label";
import { trajectoriesMatching } from "./message-search";

// A review queue is a filter (the list's query string) that reviewers work
// through one trajectory at a time. Each trajectory has `reviewsPerItem`
// reviewer slots in a queue; an assignment row per (queue, trajectory, slot)
// is the lock: its primary key makes a claim of a taken slot fail in the
// database, whatever the timing, and a unique key gives a reviewer one slot
// of a trajectory at most. With one slot (the default) a trajectory has one
// reviewer; with more, several label it blind (lib/review/blind.ts).

export const ASSIGNMENT_TTL_MS = 30 * 60_000;
export const MAX_SAMPLE = 5_000;
/** the most trajectories a queue's message search (`q`) may match */
export const MAX_SEARCHED = 10_000;
export const MAX_REVIEWS_PER_ITEM = 10;

/** What ReviewQueue.filter holds. */
export const queueFilterSchema = z.object({
  query: z.string().max(4_000).default(""),
  /** a fixed random sample of the filter's matches, drawn when the queue was made */
  sampleIds: z.array(z.string()).max(MAX_SAMPLE).optional(),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const createQueueSchema = z.object({
  name: z.string().trim().min(1, "Give the queue a name").max(80),
  query: z.string().max(4_000).default(""),
  /** review a random sample of this many instead of every match */
  sample: z.coerce.number().int().min(1).max(MAX_SAMPLE).optional(),
  /** whether the label form scores the task's rubric criteria */
  rubric: z.boolean().default(true),
  /** the score configurations its reviewers answer, in this order */
  configIds: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** how many distinct reviewers label each trajectory before it leaves the queue */
  reviewsPerItem: z.coerce.number().int().min(1, "At least one reviewer per item").max(MAX_REVIEWS_PER_ITEM).default(1),
});
export type CreateQueueInput = z.input<typeof createQueueSchema>;

/** Queues people usually want, as list queries. */
export const QUEUE_PRESETS = [
  { key: "unlabelled", name: "Unlabelled", query: "human=none", description: "trajectories no person has labelled yet" },
  { key: "disagreements", name: "Judge–human disagreements", query: "disagree=yes", description: "the judge and the latest review disagree" },
  { key: "low-confidence", name: "Low judge confidence", query: "confidenceBelow=0.6&human=none", description: "a judgement was less than 60% confident" },
  {
    key: "calibration",
    name: "Calibration sample",
    query: "judge=any&human=none",
    sample: 50,
    description: "a random sample of judged trajectories, to measure the judge",
  },
] as const;

export type CreateQueueResult = Result<{ id: string; size: number }>;

/** The queue's trajectories; a message search (`q`) is looked up in the text index as the list does. */
async function queueWhere(db: Db, filter: QueueFilter): Promise<Prisma.TrajectoryWhereInput> {
  const f = filterOnly(parseListFilter(filter.query));
  const and = [listWhere(f)];
  if (filter.sampleIds) and.push({ id: { in: filter.sampleIds } });
  if (f.q) and.push({ id: { in: await trajectoriesMatching(db, f.q, MAX_SEARCHED) } });
  return { AND: and };
}

function parseQueueFilter(raw: Prisma.JsonValue): QueueFilter {
  const parsed = queueFilterSchema.safeParse(raw);
  // a queue written by another version reviews nothing rather than everything
  return parsed.success ? parsed.data : { query: "", sampleIds: [] };
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export async function createQueue(db: Db, createdById: string | null, input: CreateQueueInput): Promise<CreateQueueResult> {
  const parsed = createQueueSchema.safeParse(input);
  if (!parsed.success) return refusedBy(parsed.error);
  const { name, sample, rubric, reviewsPerItem } = parsed.data;
  const configIds = [...new Set(parsed.data.configIds)];
  const query = listFilterQuery(filterOnly(parseListFilter(parsed.data.query)));
  if (await db.reviewQueue.findUnique({ where: { name }, select: { id: true } })) return { ok: false, error: `A queue named “${name}” exists already` };
  const active = await db.scoreConfig.count({ where: { id: { in: configIds }, archivedAt: null } });
  if (active !== configIds.length) return { ok: false, error: "A chosen score configuration was archived or removed: reload the page" };
  const filter: QueueFilter = { query };
  const q = parseListFilter(query).q;
  if (q && (await trajectoriesMatching(db, q, MAX_SEARCHED + 1)).length > MAX_SEARCHED)
    return { ok: false, error: `More than ${MAX_SEARCHED.toLocaleString("en")} trajectories mention “${q}”: narrow the search` };
  if (sample) {
    const ids = await db.trajectory.findMany({ where: await queueWhere(db, filter), select: { id: true } });
    filter.sampleIds = shuffled(ids.map((t) => t.id)).slice(0, sample);
  }
  const size = await db.trajectory.count({ where: await queueWhere(db, filter) });
  const queue = await db.reviewQueue.create({
    data: { name, filter, createdById, rubric, reviewsPerItem, scoreConfigs: { create: configIds.map((configId, position) => ({ configId, position })) } },
    select: { id: true },
  });
  return { ok: true, id: queue.id, size };
}

type Slots = { reviewsPerItem: number };

/** Trajectories of the queue with a slot nobody has labelled and nobody holds now (and, for a reviewer, that they have not labelled there). */
function openWhere(queueId: string, where: Prisma.TrajectoryWhereInput, now: Date, slots: Slots, reviewerId?: string): Prisma.TrajectoryWhereInput {
  const slotFree = Array.from({ length: slots.reviewsPerItem }, (_, slot) => ({
    assignments: { none: { queueId, slot, OR: [{ status: "done" as const }, { expiresAt: { gt: now } }] } },
  }));
  // a trajectory labelled in a queue of several reviewers stays in it until every slot is labelled, even if it no longer matches (human=none)
  const inQueue = slots.reviewsPerItem > 1 ? { OR: [where, { assignments: { some: { queueId, status: "done" as const } } }] } : where;
  return {
    AND: [
      inQueue,
      slotFree.length === 1 ? slotFree[0] : { OR: slotFree },
      ...(reviewerId && slots.reviewsPerItem > 1 ? [{ assignments: { none: { queueId, reviewerId, status: "done" as const } } }] : []),
    ],
  };
}

export type Claim = { queueId: string; trajectoryId: string; expiresAt: Date };

/**
 * Gives the reviewer the trajectory they already hold in this queue, else the
 * oldest one nobody has labelled or holds, and skipped ones only when no other
 * is left. Safe under any number of concurrent callers: a candidate is taken
 * by an INSERT … ON CONFLICT, which succeeds for one claimer only (or takes
 * over an expired hold).
 */
export async function claimNext(db: Db, queueId: string, reviewerId: string, opts: { now?: Date; ttlMs?: number } = {}): Promise<Claim | null> {
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (opts.ttlMs ?? ASSIGNMENT_TTL_MS));
  // independent reads, side by side: every round trip counts with many reviewers at once
  const [queue, held] = await Promise.all([
    db.reviewQueue.findUnique({ where: { id: queueId }, select: { filter: true, reviewsPerItem: true } }),
    db.reviewAssignment.updateManyAndReturn({
      where: { queueId, reviewerId, status: "open", expiresAt: { gt: now } },
      data: { expiresAt },
      select: { trajectoryId: true },
    }),
  ]);
  if (!queue) return null;
  if (held.length > 0) return { queueId, trajectoryId: held[0].trajectoryId, expiresAt };

  const open = openWhere(queueId, await queueWhere(db, parseQueueFilter(queue.filter)), now, queue, reviewerId);
  // items named for this reviewer first, then items nobody skipped, oldest first; then the skipped ones, longest skipped first
  const named = async () => {
    const mine = await db.queueReviewer.findUnique({ where: { queueId_reviewerId: { queueId, reviewerId } }, select: { trajectoryIds: true } });
    if (!mine?.trajectoryIds.length) return [];
    return db.trajectory.findMany({
      where: { AND: [open, { id: { in: mine.trajectoryIds } }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
      take: 25,
    });
  };
  const fresh = async () =>
    (
      await db.$transaction([
        // A new queue's id is in no statistics, so PostgreSQL expects it to hold a
        // handful of assignments and rescans them all for every candidate (a
        // materialized nested loop: 0.5 s with 500 labelled of 2,500). Without
        // materializing it hashes them once or probes the primary key per row.
        db.$executeRaw`SELECT set_config('enable_material', 'off', true)`,
        db.trajectory.findMany({
          where: { AND: [open, { assignments: { none: { queueId, deferredAt: { not: null } } } }] },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { id: true },
          take: 25,
        }),
      ])
    )[1];
  const skipped = async () => {
    const rows = await db.reviewAssignment.findMany({
      where: { queueId, status: "open", expiresAt: { lte: now }, deferredAt: { not: null }, trajectory: open },
      orderBy: [{ deferredAt: "asc" }, { trajectoryId: "asc" }],
      select: { trajectoryId: true },
      take: 25,
    });
    return [...new Set(rows.map((a) => a.trajectoryId))].map((id) => ({ id }));
  };
  for (const candidates of [named, fresh, skipped]) {
    for (;;) {
      const batch = await candidates();
      if (batch.length === 0) break;
      const taken = await takeFirstFree(
        db,
        batch.map((c) => c.id),
        { queueId, reviewerId, now, expiresAt, reviewsPerItem: queue.reviewsPerItem },
      );
      if (taken) return { queueId, trajectoryId: taken, expiresAt };
    }
  }
  return null;
}

/**
 * Takes the first of the candidates (in their order) that still has a free
 * slot for the reviewer and that nobody else is taking at this moment, in one
 * statement. A reviewer's own expired slot of a trajectory is the one they
 * take back (they may hold one slot of it only); one they labelled is never theirs again. The free ones
 * are found first (a materialized CTE), so the advisory lock is only ever
 * tried on free candidates, in order, and held on the one picked: a lock
 * taken on a candidate that was not free would make others skip a free one
 * that nobody then takes. Concurrent
 * claimers skip a candidate whose advisory lock another one holds instead of
 * queueing behind its insert and trying the candidates one round trip each.
 * The primary key still decides: a candidate taken since this statement's
 * snapshot makes the insert do nothing, and the caller reads candidates again.
 */
async function takeFirstFree(
  db: Db,
  ids: string[],
  c: { queueId: string; reviewerId: string; now: Date; expiresAt: Date; reviewsPerItem: number },
): Promise<string | null> {
  const taken = await db.$queryRaw<{ trajectoryId: string }[]>`
    WITH free AS MATERIALIZED (
      SELECT u.id, s.slot FROM unnest(${ids}::text[]) WITH ORDINALITY AS u(id, ord)
      CROSS JOIN LATERAL (
        SELECT g AS slot FROM generate_series(0, ${c.reviewsPerItem}::int - 1) AS g
        WHERE NOT EXISTS (
          SELECT 1 FROM "ReviewAssignment" a
          WHERE a."queueId" = ${c.queueId} AND a."trajectoryId" = u.id AND a."slot" = g AND (a."status" = 'done' OR a."expiresAt" > ${c.now}))
        ORDER BY EXISTS (
          SELECT 1 FROM "ReviewAssignment" a
          WHERE a."queueId" = ${c.queueId} AND a."trajectoryId" = u.id AND a."slot" = g AND a."reviewerId" = ${c.reviewerId}) DESC, g
        LIMIT 1
      ) AS s
      WHERE NOT EXISTS (
          SELECT 1 FROM "ReviewAssignment" a
          WHERE a."queueId" = ${c.queueId} AND a."trajectoryId" = u.id AND a."reviewerId" = ${c.reviewerId}
            AND (a."status" = 'done' OR a."expiresAt" > ${c.now}))
      ORDER BY u.ord
    ), pick AS (
      SELECT id, slot FROM free WHERE pg_try_advisory_xact_lock(hashtext(${c.queueId}), hashtext(id)) LIMIT 1
    )
    INSERT INTO "ReviewAssignment" ("queueId", "trajectoryId", "slot", "reviewerId", "status", "assignedAt", "expiresAt")
    SELECT ${c.queueId}, pick.id, pick.slot, ${c.reviewerId}, 'open', ${c.now}, ${c.expiresAt} FROM pick
    ON CONFLICT ("queueId", "trajectoryId", "slot") DO UPDATE
      SET "reviewerId" = EXCLUDED."reviewerId", "assignedAt" = EXCLUDED."assignedAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "ReviewAssignment"."status" = 'open' AND "ReviewAssignment"."expiresAt" <= ${c.now}
    RETURNING "trajectoryId"`;
  return taken[0]?.trajectoryId ?? null;
}

/** Lets go of a held trajectory so that someone else (or the same person later) can take it. */
export async function releaseAssignment(db: Db, queueId: string, trajectoryId: string, reviewerId: string): Promise<boolean> {
  const { count } = await db.reviewAssignment.updateMany({
    where: { queueId, trajectoryId, reviewerId, status: "open" },
    data: { expiresAt: new Date(0) },
  });
  return count > 0;
}

export type QueueProgress = {
  id: string;
  name: string;
  query: string;
  sampled: boolean;
  createdAt: Date;
  createdBy: string | null;
  done: number;
  inProgress: number;
  remaining: number;
  total: number;
  /** what the given reviewer holds in this queue now, if anything */
  heldByMe: string | null;
  /** how many distinct reviewers label each item */
  reviewsPerItem: number;
  /** what its label form asks: the rubric and the names of its score configurations */
  asks: string[];
};

/**
 * Items, not labels: done once every slot is labelled, in progress while a
 * slot is held or labelled, remaining while no slot was touched.
 */
async function queueCounts(db: Db, queueId: string, filter: QueueFilter, now: Date, slots: Slots) {
  const [[started], remaining] = await Promise.all([
    db.$queryRaw<{ done: number; inProgress: number }[]>`
      SELECT count(*) FILTER (WHERE t.done >= ${slots.reviewsPerItem})::int AS "done", count(*) FILTER (WHERE t.done < ${slots.reviewsPerItem})::int AS "inProgress"
      FROM (
        SELECT count(*) FILTER (WHERE "status" = 'done') AS done FROM "ReviewAssignment"
        WHERE "queueId" = ${queueId} AND ("status" = 'done' OR "expiresAt" > ${now})
        GROUP BY "trajectoryId"
      ) t`,
    db.trajectory.count({
      where: { AND: [await queueWhere(db, filter), { assignments: { none: { queueId, OR: [{ status: "done" }, { expiresAt: { gt: now } }] } } }] },
    }),
  ]);
  return { done: started.done, inProgress: started.inProgress, remaining, total: started.done + started.inProgress + remaining };
}

/** How many items the queue holds: labelled, held now and still open. */
export async function queueSize(db: Db, queueId: string, now = new Date()): Promise<number> {
  const queue = await db.reviewQueue.findUnique({ where: { id: queueId }, select: { filter: true, reviewsPerItem: true } });
  return queue ? (await queueCounts(db, queueId, parseQueueFilter(queue.filter), now, queue)).total : 0;
}

/** Every queue with how far it has got. */
export async function listQueues(db: Db, reviewerId: string | null, now = new Date()): Promise<QueueProgress[]> {
  const queues = await db.reviewQueue.findMany({
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { name: true } }, scoreConfigs: { orderBy: { position: "asc" }, select: { config: { select: { name: true } } } } },
  });
  return Promise.all(
    queues.map(async (q) => {
      const filter = parseQueueFilter(q.filter);
      const [{ done, inProgress, remaining, total }, mine] = await Promise.all([
        queueCounts(db, q.id, filter, now, q),
        reviewerId
          ? db.reviewAssignment.findFirst({ where: { queueId: q.id, reviewerId, status: "open", expiresAt: { gt: now } }, select: { trajectoryId: true } })
          : null,
      ]);
      return {
        id: q.id,
        name: q.name,
        query: filter.query,
        sampled: !!filter.sampleIds,
        createdAt: q.createdAt,
        createdBy: q.createdBy?.name ?? null,
        done,
        inProgress,
        remaining,
        total,
        heldByMe: mine?.trajectoryId ?? null,
        reviewsPerItem: q.reviewsPerItem,
        asks: [...(q.rubric ? ["rubric criteria"] : []), ...q.scoreConfigs.map((c) => c.config.name)],
      };
    }),
  );
}

/** Labels the trajectory in the queue (closing its assignment) and claims the reviewer's next one. */
export async function labelAndClaimNext(db: Db, reviewerId: string, input: LabelInput & { queueId: string }): Promise<LabelResult & { next?: Claim | null }> {
  const labelled = await labelTrajectory(db, reviewerId, input);
  if (!labelled.ok) return labelled;
  return { ...labelled, next: await claimNext(db, input.queueId, reviewerId) };
}

export async function getQueue(db: Db, id: string) {
  return db.reviewQueue.findUnique({ where: { id }, select: { id: true, name: true, filter: true, reviewsPerItem: true } });
}

/**
 * Who holds a trajectory in a queue, and whether it is labelled there: the
 * reviewer's own slot when they have one, else the live hold or label of
 * someone else (the latest).
 */
export async function getAssignment(db: Db, queueId: string, trajectoryId: string, reviewerId: string) {
  const rows = await db.reviewAssignment.findMany({
    where: { queueId, trajectoryId },
    orderBy: { assignedAt: "desc" },
    select: { reviewerId: true, status: true, expiresAt: true, reviewer: { select: { name: true } } },
  });
  return rows.find((r) => r.reviewerId === reviewerId) ?? rows.find((r) => r.status === "done" || r.expiresAt > new Date()) ?? rows[0] ?? null;
}
