import { db as studioDb, type Db } from "../db/client";
import { benchPages, ensureLongTrajectory, p95 } from "./bench-pages";
import { claimNext, createQueue } from "./queues";

const TRAJECTORIES = 100_000;
const PREFIX = "bench-review-";
const SAMPLES = 20;

type Figure = { name: string; value: number; unit: string; target?: string };

/**
 * The reviewer studio's server work with 100,000 trajectories (4 messages
 * each) in the database: what the list page reads for common filters, what
 * the trajectory page reads for a 300-step trajectory, and a queue claim.
 * Figures are the 95th percentile of SAMPLES calls each.
 */
export async function benchReview(db: Db = studioDb(), opts: { trajectories?: number } = {}): Promise<Figure[]> {
  const count = opts.trajectories ?? TRAJECTORIES;
  await ensureTrajectories(db, count);
  const reviewer = await db.user.upsert({
    where: { id: `${PREFIX}user` },
    update: {},
    create: { id: `${PREFIX}user`, name: "Bench", email: "bench-review@studio.test", role: "reviewer" },
  });
  const longId = await ensureLongTrajectory(db, { model: `${PREFIX}long`, agentId: `${PREFIX}agent-1`, taskId: `${PREFIX}task-1` });

  const pages = benchPages(db, { reviewerId: reviewer.id, agentId: `${PREFIX}agent-1` });
  const figures: Figure[] = [];
  const cases: [string, string][] = [
    ["list page, no filter", ""],
    ["list page, effective verdict rejected", "verdict=rejected"],
    ["list page, disagreements sorted by score", "disagree=yes&sort=score"],
    ["list page, category of the agent's tools + violations", "categoryId=bench-review-cat-3&violations=yes"],
    ["list page, task difficulty + judge rejected", "difficulty=multi_step&judge=rejected"],
    ["list page, page 500 sorted by cost", "sort=cost&page=500"],
    ["list page, search for a rare word", "q=zanzibar"],
    ["list page, search for a word in every trajectory", "q=shipped"],
  ];
  for (const [name, query] of cases) figures.push({ name: `${name} (p95)`, value: await p95(() => pages.list(query)), unit: "ms", target: "< 300 ms" });
  figures.push({ name: "trajectory page data, 300 steps (p95)", value: await p95(() => pages.trajectory(longId)), unit: "ms", target: "< 300 ms" });
  figures.push({
    name: "dashboard page data: counts, funnel, agreement, recent runs (p95)",
    value: await p95(pages.dashboard),
    unit: "ms",
    target: "< 300 ms",
  });
  figures.push({ name: "agents list page with pass rates (p95)", value: await p95(pages.agents), unit: "ms", target: "< 300 ms" });
  figures.push({
    name: `agent page with pass rates, ${Math.round(count / 20).toLocaleString("en")} trajectories (p95)`,
    value: await p95(pages.agent),
    unit: "ms",
    target: "< 300 ms",
  });
  figures.push({ name: "tools list page with pass rates (p95)", value: await p95(pages.tools), unit: "ms", target: "< 300 ms" });

  const queue = await createQueue(db, null, { name: `${PREFIX}${Date.now()}`, query: "human=none" });
  if (!queue.ok) throw new Error(queue.error);
  const people = await Promise.all(
    Array.from({ length: SAMPLES + 1 }, (_, i) =>
      db.user.upsert({
        where: { id: `${PREFIX}r${i}` },
        update: {},
        create: { id: `${PREFIX}r${i}`, name: `R${i}`, email: `bench-review-r${i}@studio.test`, role: "reviewer" },
      }),
    ),
  );
  let next = 0;
  figures.push({
    name: "claim the next trajectory of a queue (p95)",
    value: await p95(() => claimNext(db, queue.id, people[next++].id), SAMPLES),
    unit: "ms",
    target: "< 100 ms",
  });
  await db.reviewQueue.delete({ where: { id: queue.id } });
  return figures;
}

/** `count` trajectories across 20 agents and 200 tasks, written by SQL once per database and size. */
async function ensureTrajectories(db: Db, count: number) {
  const existing = await db.trajectory.count({ where: { id: { startsWith: PREFIX } } });
  if (existing === count) return;
  await db.$transaction(
    async (tx) => {
      if (existing > 0) {
        await tx.$executeRawUnsafe(`DELETE FROM "Trajectory" WHERE "id" LIKE '${PREFIX}%' OR "model" = '${PREFIX}long'`);
        for (const table of ["Task", "AgentTool", "Agent", "Tool", "Category"]) {
          await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "${table === "AgentTool" ? "agentId" : "id"}" LIKE '${PREFIX}%'`);
        }
      }
      await tx.$executeRawUnsafe(`INSERT INTO "Category" ("id", "name") SELECT '${PREFIX}cat-' || g, 'Bench category ' || g FROM generate_series(1, 10) g`);
      await tx.$executeRawUnsafe(`INSERT INTO "Tool" ("id", "origin", "key", "name", "specHash", "categoryId", "updatedAt")
        SELECT '${PREFIX}tool-' || g, 'synthetic', '${PREFIX}tool-' || g, 'tool_' || g, 'h' || g, '${PREFIX}cat-' || (g % 10 + 1), now() FROM generate_series(1, 100) g`);
      await tx.$executeRawUnsafe(
        `INSERT INTO "Agent" ("id", "name", "systemPrompt", "toolSetHash") SELECT '${PREFIX}agent-' || g, 'Bench agent ' || g, 'You help.', '${PREFIX}set-' || g FROM generate_series(1, 20) g`,
      );
      await tx.$executeRawUnsafe(`INSERT INTO "AgentTool" ("agentId", "toolId", "role")
        SELECT '${PREFIX}agent-' || a, '${PREFIX}tool-' || ((a * 5 + k) % 100 + 1), CASE WHEN k < 4 THEN 'core'::"AgentToolRole" ELSE 'distractor'::"AgentToolRole" END
        FROM generate_series(1, 20) a, generate_series(0, 4) k`);
      await tx.$executeRawUnsafe(`INSERT INTO "Task" ("id", "agentId", "goal", "instruction", "difficulty")
        SELECT '${PREFIX}task-' || g, '${PREFIX}agent-' || (g % 20 + 1), 'Goal ' || g, 'Do it', (ARRAY['single_call','multi_step','parallel','clarification','refusal','no_tool'])[g % 6 + 1]::"TaskDifficulty"
        FROM generate_series(1, 200) g`);
      await tx.$executeRawUnsafe(`INSERT INTO "Trajectory" ("id", "taskId", "agentId", "protocol", "model", "steps", "costUsd", "latencyMs", "promptTokens", "completionTokens",
          "hasViolations", "hasInjectedFailures", "tags", "judgeVerdict", "judgeScore", "humanVerdict", "effectiveVerdict", "createdAt", "endReason")
        SELECT '${PREFIX}' || g, '${PREFIX}task-' || (g % 200 + 1), '${PREFIX}agent-' || ((g % 200) % 20 + 1),
          CASE WHEN g % 3 = 0 THEN 'react'::"Protocol" ELSE 'native'::"Protocol" END, 'model-' || (g % 4), 4, (g % 97) / 1000.0, g % 5000, 100, 40,
          g % 7 = 0, g % 11 = 0, CASE WHEN g % 13 = 0 THEN ARRAY['bench'] ELSE ARRAY[]::text[] END,
          CASE WHEN g % 5 = 0 THEN NULL WHEN g % 4 = 0 THEN 'rejected'::"Verdict" ELSE 'accepted'::"Verdict" END,
          CASE WHEN g % 5 = 0 THEN NULL ELSE (g % 100) / 100.0 END,
          CASE WHEN g % 17 = 0 THEN 'rejected'::"Verdict" WHEN g % 19 = 0 THEN 'accepted'::"Verdict" END,
          NULL, timestamp '2026-01-01' + g * interval '1 second', 'agent_finished'
        FROM generate_series(1, ${count}) g`);
      await tx.$executeRawUnsafe(`UPDATE "Trajectory" SET "effectiveVerdict" = coalesce("humanVerdict", "judgeVerdict") WHERE "id" LIKE '${PREFIX}%'`);
      await tx.$executeRawUnsafe(`INSERT INTO "Message" ("id", "trajectoryId", "index", "role", "content")
        SELECT '${PREFIX}m-' || g || '-' || i, '${PREFIX}' || g, i,
          (ARRAY['user','assistant','tool','assistant'])[i + 1]::"MessageRole",
          CASE i WHEN 0 THEN 'Please look up order ' || g || ' for me' WHEN 2 THEN '{"status":"shipped","id":' || g || '}' ELSE 'Your order ' || g || ' has shipped.' END
        FROM generate_series(1, ${count}) g, generate_series(0, 3) i`);
      await tx.$executeRawUnsafe(`ANALYZE`);
    },
    { timeout: 600_000 },
  );
}
