import "server-only";
import type { Db } from "../db/client";

/** A long text cut at a word boundary to fit a heading or a browser tab. */
export function shortTitle(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

/** What a trajectory is called: its agent and its task's goal, or its id when it has neither. */
export function trajectoryTitle(t: { id: string; agent: { name: string } | null; task: { goal: string } | null }, max = 70): string {
  if (t.agent && t.task) return shortTitle(`${t.agent.name}: ${t.task.goal}`, max);
  if (t.task) return shortTitle(t.task.goal, max);
  return t.agent ? `${t.agent.name} · ${t.id.slice(-10)}` : `Trajectory ${t.id.slice(-10)}`;
}

/** Short titles of trajectories by id, for lists of links where ids alone would read alike. */
export async function loadTrajectoryTitles(db: Db, ids: string[], max = 48): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await db.trajectory.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, agent: { select: { name: true } }, task: { select: { goal: true } } },
  });
  return Object.fromEntries(rows.map((r) => [r.id, trajectoryTitle(r, max)]));
}

/** The title of trajectory `id` for its page's tab, or null when there is none. */
export async function loadTrajectoryTitle(db: Db, id: string): Promise<string | null> {
  const row = await db.trajectory.findUnique({ where: { id }, select: { id: true, agent: { select: { name: true } }, task: { select: { goal: true } } } });
  return row ? trajectoryTitle(row) : null;
}
