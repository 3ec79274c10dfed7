import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../lib/db/client";
import { runReviewerScenario, scenarioProblems, STALE_WRITE } from "../../lib/review/concurrency-bench";
import { createTestDb } from "../db";

// Twenty reviewers, each a user of their own, labelling one queue at once
// for STUDIO_FAULTS_REVIEW_SECONDS (8 s by default; `npm run bench` runs the
// same for a minute). Some of their turns re-label trajectories others are
// re-labelling too, so stale writes happen and must be refused, and only them.

const SECONDS = Number(process.env.STUDIO_FAULTS_REVIEW_SECONDS || 8);
const REVIEWERS = 20;

describe("twenty concurrent reviewers on one queue", () => {
  let db: Db;
  beforeAll(async () => {
    const t = await createTestDb();
    // a connection per reviewer, as the web server's pool would give under this load
    db = createDb(t.url, { schema: t.schema, max: REVIEWERS + 4 });
  });
  afterAll(() => db?.$disconnect());

  it("loses no update, hands no trajectory to two reviewers and refuses only stale writes", { timeout: SECONDS * 1000 + 60_000 }, async () => {
    const r = await runReviewerScenario(db, { reviewers: REVIEWERS, durationMs: SECONDS * 1000, trajectories: 3_000, editShare: 0.3, hotSet: 4 });

    expect(r.failures).toEqual([]);
    expect(r.doubleAssignments).toEqual([]);
    expect(await scenarioProblems(db, r)).toEqual([]);

    // the scenario did what it is for: every reviewer labelled, re-labels collided and were refused
    const fromQueue = r.labels.filter((l) => l.fromQueue);
    expect(new Set(fromQueue.map((l) => l.reviewerId)).size).toBe(REVIEWERS);
    expect(r.labels.filter((l) => !l.fromQueue).length).toBeGreaterThan(0);
    expect(r.conflicts.length).toBeGreaterThan(0);
    expect(r.conflicts.every((c) => STALE_WRITE.test(c.error))).toBe(true);

    // counted straight from the tables too
    expect(await db.review.count({ where: { trajectoryId: { in: r.trajectoryIds } } })).toBe(r.labels.length);
    expect(await db.reviewAssignment.count({ where: { queueId: r.queueId, status: "done" } })).toBe(fromQueue.length);
    expect(new Set(fromQueue.map((l) => l.trajectoryId)).size).toBe(fromQueue.length);
    // each trajectory's human verdict is its latest review's
    const sample = [...new Set(r.labels.map((l) => l.trajectoryId))].slice(0, 50);
    for (const id of sample) {
      const [latest] = await db.review.findMany({ where: { trajectoryId: id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 });
      expect((await db.trajectory.findUniqueOrThrow({ where: { id } })).humanVerdict).toBe(latest.verdict);
    }
    console.log(
      `[faults] ${REVIEWERS} reviewers, ${r.seconds.toFixed(1)} s: ${r.labels.length} labels (${fromQueue.length} from the queue), ${r.conflicts.length} stale writes refused`,
    );
  });
});
