import "server-only";
import { refusedBy, type Result } from "../actions/result";
import type { Db, Prisma } from "../db/client";
import { scoreConfigInputSchema, type ScoreConfigInput, type ScoreConfigView, type ScoreScope } from "./score-config-schema";

// Score configurations: admins define them, queues name them, label forms
// and step annotations answer them. A configuration is never edited (its
// stored answers must keep fitting it); archiving takes it off the forms.

const VIEW = { id: true, name: true, description: true, kind: true, scope: true, options: true, multiple: true, min: true, max: true } as const;

export type ScoreConfigRow = ScoreConfigView & { archivedAt: Date | null; createdAt: Date; createdBy: { name: string } | null; answers: number };

export type ConfigResult = Result<{ id: string }>;

export async function createScoreConfig(db: Db, createdById: string | null, input: ScoreConfigInput): Promise<ConfigResult> {
  const parsed = scoreConfigInputSchema.safeParse(input);
  if (!parsed.success) return refusedBy(parsed.error);
  const c = parsed.data;
  if (await db.scoreConfig.findUnique({ where: { name: c.name }, select: { id: true } }))
    return { ok: false, error: `A configuration named “${c.name}” exists already` };
  const row = await db.scoreConfig.create({
    data: {
      name: c.name,
      description: c.description,
      kind: c.kind,
      scope: c.scope,
      options: c.kind === "categorical" ? c.options : [],
      multiple: c.kind === "categorical" ? c.multiple : false,
      min: c.kind === "numeric" ? c.min : null,
      max: c.kind === "numeric" ? c.max : null,
      createdById,
    },
    select: { id: true },
  });
  return { ok: true, id: row.id };
}

/** Takes a configuration off the forms (its answers stay), or puts it back. */
export async function setScoreConfigArchived(db: Db, id: string, archived: boolean): Promise<boolean> {
  const { count } = await db.scoreConfig.updateMany({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
  return count > 0;
}

/** Every configuration, active ones first, with how many answers each has. */
export async function listScoreConfigs(db: Pick<Db, "scoreConfig">): Promise<ScoreConfigRow[]> {
  const rows = await db.scoreConfig.findMany({
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "asc" }],
    select: { ...VIEW, archivedAt: true, createdAt: true, createdBy: { select: { name: true } }, _count: { select: { scores: true } } },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, answers: _count.scores }));
}

/** The active configurations of a scope, oldest first: what a form outside any queue offers. */
export async function activeScoreConfigs(db: Pick<Db, "scoreConfig">, scope?: ScoreScope): Promise<ScoreConfigView[]> {
  return db.scoreConfig.findMany({ where: { archivedAt: null, ...(scope ? { scope } : {}) }, orderBy: { createdAt: "asc" }, select: VIEW });
}

/** What a queue's reviewers answer: the rubric or not, and its configurations in the queue's order. */
export async function queueScoreConfigs(db: Pick<Db, "reviewQueue">, queueId: string): Promise<{ rubric: boolean; configs: ScoreConfigView[] } | null> {
  const q = await db.reviewQueue.findUnique({
    where: { id: queueId },
    select: { rubric: true, scoreConfigs: { orderBy: { position: "asc" }, select: { config: { select: VIEW } } } },
  });
  return q ? { rubric: q.rubric, configs: q.scoreConfigs.map((s) => s.config) } : null;
}

/** The configurations with these ids, by id. */
export async function scoreConfigsById(db: Pick<Prisma.TransactionClient, "scoreConfig">, ids: string[]) {
  const rows = await db.scoreConfig.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { ...VIEW, archivedAt: true } });
  return new Map(rows.map((r) => [r.id, r]));
}
