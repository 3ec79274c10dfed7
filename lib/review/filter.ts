import { z } from "zod";
import { EPISODE_ENDED } from "../trajectory/ended";
import type { Prisma } from "../db/client";
import { environments, protocols } from "../simulation/options";
import { difficulties } from "../synthesis/task-schemas";
import { BLAMES } from "../judge/blames";
import { FLAGGED_FOR_REVIEW } from "../judge/task-review-flag";

// The trajectory list's filter, sort and page as they appear in the URL. The
// same string is what a saved view and a review queue store, so this schema
// is the one definition of that format: parse with parseListFilter, write
// with listFilterQuery.

const verdictChoice = z.enum(["accepted", "rejected", "none", "any"]);
const yesNo = z.enum(["yes", "no"]);
const id = z.string().trim().min(1).max(64);
const score = z.coerce.number().min(0).max(1);

export const SORTS = ["created", "score", "steps", "cost", "latency"] as const;
export type SortKey = (typeof SORTS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;

/** What the message search matches (lib/review/message-search.ts), said on the page beside the box. */
export const SEARCH_HELP = "Finds whole words, or a phrase with its words in that order; case and punctuation are ignored.";

export const listFilterSchema = z.object({
  /** effective verdict: the latest review, else the latest judgement */
  verdict: verdictChoice.optional().catch(undefined),
  judge: verdictChoice.optional().catch(undefined),
  /** human label; "none" is unlabelled */
  human: verdictChoice.optional().catch(undefined),
  /** who failed, per the latest judgement; "none" is no one blamed */
  blame: z
    .enum([...BLAMES, "none"])
    .optional()
    .catch(undefined),
  /** an episode of a task whose other episodes were blamed on the task or a simulator more than once */
  flagged: yesNo.optional().catch(undefined),
  /** judge and latest review disagree */
  disagree: yesNo.optional().catch(undefined),
  minScore: score.optional().catch(undefined),
  maxScore: score.optional().catch(undefined),
  /** some judgement was less confident than this */
  confidenceBelow: score.optional().catch(undefined),
  agentId: id.optional().catch(undefined),
  taskId: id.optional().catch(undefined),
  /** a category of one of the agent's tools (or a sub-category of it) */
  categoryId: id.optional().catch(undefined),
  /** a tool offered to the trajectory's agent (core or distractor), called or not */
  toolId: id.optional().catch(undefined),
  difficulty: z.enum(difficulties).optional().catch(undefined),
  protocol: z.enum(protocols).optional().catch(undefined),
  environment: z.enum(environments).optional().catch(undefined),
  model: z.string().trim().min(1).max(200).optional().catch(undefined),
  runId: id.optional().catch(undefined),
  violations: yesNo.optional().catch(undefined),
  injected: yesNo.optional().catch(undefined),
  tag: z.string().trim().min(1).max(64).optional().catch(undefined),
  /** words or a phrase in the messages' text (see SEARCH_HELP) */
  q: z.string().trim().min(1).max(200).optional().catch(undefined),
  sort: z.enum(SORTS).default("created").catch("created"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .default(50)
    .catch(50),
});
export type ListFilter = z.infer<typeof listFilterSchema>;
type Key = keyof ListFilter;

const KEYS = Object.keys(listFilterSchema.shape) as Key[];
const DEFAULTS = listFilterSchema.parse({});

export type SearchParamsInput = URLSearchParams | string | Record<string, string | string[] | undefined>;

/** Parses a query string or Next's searchParams; empty and unknown values mean "no filter". */
export function parseListFilter(input: SearchParamsInput): ListFilter {
  const params = typeof input === "string" || input instanceof URLSearchParams ? new URLSearchParams(input) : null;
  const record = params ? null : (input as Record<string, string | string[] | undefined>);
  const raw: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params ? params.get(key) : record?.[key];
    const first = (Array.isArray(value) ? value[0] : value)?.trim();
    if (first) raw[key] = first;
  }
  return listFilterSchema.parse(raw);
}

/** The canonical query string of a filter: non-default values only, in a fixed order. */
export function listFilterQuery(filter: Partial<ListFilter>, overrides: Partial<Record<Key, string | number | undefined>> = {}): string {
  const merged: Record<string, unknown> = { ...filter, ...overrides };
  const out = new URLSearchParams();
  for (const key of KEYS) {
    const value = merged[key];
    if (value === undefined || value === null || value === "" || value === DEFAULTS[key]) continue;
    out.set(key, String(value));
  }
  return out.toString();
}

/** The filter alone: no sort, direction, page or page size (what a queue keeps). */
export function filterOnly(filter: ListFilter): Partial<ListFilter> {
  const { sort: _sort, dir: _dir, page: _page, size: _size, ...rest } = filter;
  return rest;
}

/** True when any filter (not sort or paging) is set. */
export function isFiltered(filter: ListFilter): boolean {
  return Object.values(filterOnly(filter)).some((v) => v !== undefined);
}

/** A tool in the category or in one of its sub-categories. */
export const toolInCategory = (categoryId: string): Prisma.ToolWhereInput => ({ OR: [{ categoryId }, { category: { parentId: categoryId } }] });

const verdictWhere = (v: z.infer<typeof verdictChoice>) => (v === "none" ? null : v === "any" ? { not: null } : v);

/** The Prisma condition of a filter, but for its message search (`q`), which goes through the text index (message-search.ts). */
export function listWhere(f: Partial<ListFilter>): Prisma.TrajectoryWhereInput {
  const and: Prisma.TrajectoryWhereInput[] = [];
  if (f.verdict) and.push({ effectiveVerdict: verdictWhere(f.verdict) });
  if (f.judge) and.push({ judgeVerdict: verdictWhere(f.judge) });
  if (f.human) and.push({ humanVerdict: verdictWhere(f.human) });
  if (f.disagree === "yes") {
    and.push({
      OR: [
        { judgeVerdict: "accepted", humanVerdict: "rejected" },
        { judgeVerdict: "rejected", humanVerdict: "accepted" },
      ],
    });
  } else if (f.disagree === "no") {
    and.push({
      OR: [
        { judgeVerdict: null },
        { humanVerdict: null },
        { judgeVerdict: "accepted", humanVerdict: "accepted" },
        { judgeVerdict: "rejected", humanVerdict: "rejected" },
      ],
    });
  }
  if (f.minScore !== undefined || f.maxScore !== undefined) and.push({ judgeScore: { gte: f.minScore, lte: f.maxScore } });
  if (f.confidenceBelow !== undefined) and.push({ judgements: { some: { confidence: { lt: f.confidenceBelow } } } });
  if (f.agentId) and.push({ agentId: f.agentId });
  if (f.taskId) and.push({ taskId: f.taskId });
  if (f.categoryId) and.push({ agent: { tools: { some: { tool: toolInCategory(f.categoryId) } } } });
  if (f.toolId) and.push({ agent: { tools: { some: { toolId: f.toolId } } } });
  if (f.difficulty) and.push({ task: { difficulty: f.difficulty } });
  if (f.protocol) and.push({ protocol: f.protocol });
  if (f.environment) and.push({ environment: f.environment });
  if (f.model) and.push({ model: f.model });
  if (f.runId) and.push({ runId: f.runId });
  if (f.blame) and.push({ blame: f.blame === "none" ? null : f.blame });
  if (f.flagged) and.push(f.flagged === "yes" ? FLAGGED_FOR_REVIEW : { NOT: FLAGGED_FOR_REVIEW });
  if (f.violations) and.push({ hasViolations: f.violations === "yes" });
  if (f.injected) and.push({ hasInjectedFailures: f.injected === "yes" });
  if (f.tag) and.push({ tags: { has: f.tag } });
  and.push(EPISODE_ENDED);
  return { AND: and };
}

const SORT_COLUMN = {
  created: "createdAt",
  score: "judgeScore",
  steps: "steps",
  cost: "costUsd",
  latency: "latencyMs",
} as const satisfies Record<SortKey, keyof Prisma.TrajectoryOrderByWithRelationInput>;

/** The order of a sorted list; ties break on id so pages never overlap. */
export function listOrderBy(f: Pick<ListFilter, "sort" | "dir">): Prisma.TrajectoryOrderByWithRelationInput[] {
  const column = SORT_COLUMN[f.sort];
  const primary = column === "judgeScore" ? { judgeScore: { sort: f.dir, nulls: "last" as const } } : { [column]: f.dir };
  return [primary, { id: f.dir }];
}
