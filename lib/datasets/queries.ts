import "server-only";
import type { Db } from "../db/client";
import { stageTitle } from "../jobs/stage-titles";
import { utcMinute } from "../util/format";

// What the Datasets page reads besides the dataset versions (lib/datasets/files.ts).

/** The latest export and import runs. */
export function recentDatasetRuns(db: Db) {
  return db.run.findMany({ where: { kind: { in: ["export", "import"] } }, orderBy: { createdAt: "desc" }, take: 5 });
}

/** A run that made trajectories, as the export form's run picker names it: what it was, when, and the file an import read. */
function runChoice(r: { id: string; kind: string; status: string; createdAt: Date; config: unknown }) {
  const file =
    r.kind === "import" && typeof (r.config as { path?: unknown }).path === "string" ? (r.config as { path: string }).path.split("/").pop() : undefined;
  return { id: r.id, label: `${stageTitle(r.kind)} ${utcMinute(r.createdAt)} UTC`, detail: [file, r.status, r.id.slice(-8)].filter(Boolean).join(" · ") };
}

/** The agents and the runs that made trajectories, as the export form offers them to filter by. */
export async function exportChoices(db: Db) {
  const [agents, runs] = await Promise.all([
    db.agent.findMany({ select: { id: true, name: true, domain: true }, orderBy: { name: "asc" } }),
    db.run.findMany({
      where: { kind: { in: ["simulate", "import"] } },
      select: { id: true, kind: true, status: true, createdAt: true, config: true },
      orderBy: { createdAt: "desc" },
      take: 500,
    }),
  ]);
  return { agents: agents.map((a) => ({ id: a.id, label: a.name, detail: a.domain })), runs: runs.map(runChoice) };
}
