import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { putArtifact } from "../artifacts/store";
import type { Db, Prisma } from "../db/client";
import { latestPreferences } from "../review/preferences";
import { exportConfigSchema } from "./config";
import { ADJUSTMENTS, type Adjustment } from "./formats/types";
import { PREFERENCE_FORMAT, preferenceRecord } from "./formats/trl-preference";
import { SimulatorPromptTally, Tally, type Manifest } from "./manifest";
import { exportRelativeDir } from "./paths";
import { selectedBatches, type SelectedTrajectory } from "./selection";

// Preference pairs as a dataset version: each pair's latest preference (ties
// left out, counted) becomes one TRL preference row in train.jsonl, beside a
// manifest and a card, in the folder and Dataset rows every export uses. The
// manifest is the export manifest (format "trl") with `type: "preference"`,
// as TRL names a dataset's format and type, and the pairs' own counts.

export const preferenceExportSchema = z.object({ name: exportConfigSchema.shape.name });
export type PreferenceExportInput = z.input<typeof preferenceExportSchema>;

export type RefusedPair = { chosenId: string; rejectedId: string; reasons: string[] };
export type PreferenceManifest = Manifest & {
  type: "preference";
  preference: { pairs: number; ties: number; written: number; refused: number; refusedPairs: RefusedPair[] };
};

const REFUSED_LISTED = 1000;
const BATCH = 250;

/** Writes every decided preference pair as the next version of dataset `name`. */
export async function exportPreferences(db: Db, input: PreferenceExportInput) {
  const { name } = preferenceExportSchema.parse(input);
  const latest = await latestPreferences(db);
  const decided = latest.filter((p) => p.choice !== "tie");
  const dataset = await reserveVersion(db, name);
  const relDir = exportRelativeDir(name, dataset.version);

  const lines: string[] = [];
  const refused: RefusedPair[] = [];
  const adjustments = new Tally();
  const [models, providers, runs] = [new Tally(), new Tally(), new Tally()];
  const simulatorPrompts = new SimulatorPromptTally();
  const tasks = new Set<string>();
  let imported = 0;
  for (let i = 0; i < decided.length; i += BATCH) {
    const pairs = decided.slice(i, i + BATCH);
    const ids = [...new Set(pairs.flatMap((p) => [p.aId, p.bId]))];
    const loaded = new Map<string, SelectedTrajectory>();
    for await (const batch of selectedBatches(db, { verdict: "any", runIds: [], agentIds: [], ids })) for (const t of batch) loaded.set(t.id, t);
    for (const p of pairs) {
      const [chosenId, rejectedId] = p.choice === "a" ? [p.aId, p.bId] : [p.bId, p.aId];
      const [chosen, rejected] = [loaded.get(chosenId), loaded.get(rejectedId)];
      const row =
        chosen && rejected
          ? preferenceRecord({ doc: chosen.doc, source: chosen }, { doc: rejected.doc, source: rejected })
          : { ok: false as const, reasons: ["a trajectory of the pair is gone or its episode has not ended"] };
      if (!row.ok) {
        refused.push({ chosenId, rejectedId, reasons: row.reasons });
        continue;
      }
      lines.push(row.line);
      for (const a of row.adjustments) adjustments.add(a);
      for (const t of [chosen!, rejected!]) {
        models.add(t.model);
        providers.add(t.provider);
        simulatorPrompts.add(t);
        if (t.runId) runs.add(t.runId);
        if (t.taskId) tasks.add(t.taskId);
        if (t.imported) imported++;
      }
    }
  }

  const body = lines.join("");
  const file = { name: "train.jsonl", records: lines.length, bytes: Buffer.byteLength(body), sha256: createHash("sha256").update(body).digest("hex") };
  const runKinds = new Map(
    (await db.run.findMany({ where: { id: { in: runs.entries().map(([id]) => id) } }, select: { id: true, kind: true } })).map((r) => [r.id, r.kind]),
  );
  const manifest: PreferenceManifest = {
    name,
    version: dataset.version,
    format: "trl",
    type: "preference",
    createdAt: new Date().toISOString(),
    filter: { verdict: "any", runIds: [], agentIds: [], ids: [] },
    split: null,
    dedup: false,
    counts: {
      selected: decided.length,
      written: lines.length,
      train: lines.length,
      validation: 0,
      duplicatesDropped: 0,
      refused: refused.length,
      imported,
      // a pair is the two trajectories as the reviewer compared them: originals, never corrections
      humanEdited: 0,
      tasks: { train: tasks.size, validation: 0 },
    },
    sourceRuns: runs.entries().map(([runId, count]) => ({ runId, kind: runKinds.get(runId) ?? null, count })),
    models: models.entries().map(([model, count]) => ({ model, count })),
    providers: providers.entries().map(([provider, count]) => ({ provider, count })),
    simulatorPrompts: simulatorPrompts.entries(),
    judgeConfigs: [],
    files: [file],
    // the export manifest lists trajectories: a refused pair is listed by its chosen side, the pair's reasons name both
    refused: refused.slice(0, REFUSED_LISTED).map((r) => ({ trajectoryId: r.chosenId, reasons: r.reasons.map((x) => `pair with ${r.rejectedId}: ${x}`) })),
    adjustments: adjustments.entries().map(([code, records]) => ({ code: code as Adjustment, records })),
    records: [],
    emptyBecause: lines.length > 0 ? null : emptyBecause(latest.length, latest.length - decided.length, refused.length),
    preference: {
      pairs: latest.length,
      ties: latest.length - decided.length,
      written: lines.length,
      refused: refused.length,
      refusedPairs: refused.slice(0, REFUSED_LISTED),
    },
  };
  const card = renderPreferenceCard(manifest);
  try {
    await putArtifact(db, { kind: "export", name: "train.jsonl", datasetId: dataset.id }, [body]);
    await putArtifact(db, { kind: "export", name: "manifest.json", datasetId: dataset.id }, [`${JSON.stringify(manifest, null, 2)}\n`]);
    await putArtifact(db, { kind: "export", name: "README.md", datasetId: dataset.id }, [card]);
  } catch (e) {
    await db.dataset.delete({ where: { id: dataset.id } }).catch(() => {});
    throw e;
  }
  const row = await db.dataset.update({
    where: { id: dataset.id },
    data: { path: relDir, count: lines.length, manifest: manifest as unknown as Prisma.InputJsonValue, card },
  });
  return { dataset: row, manifest };
}

function emptyBecause(pairs: number, ties: number, refused: number): string {
  if (pairs === 0) return "no pair of trajectories has a preference yet: compare a fork with its parent (or two episodes of a task) and say which is better";
  if (refused > 0) return `all ${pairs - ties} decided pairs were refused (see refused)${ties ? `; ${ties} ties are left out` : ""}`;
  return `all ${pairs} pairs are ties, which a preference trainer cannot learn from`;
}

/** The next version number of `name`, held by a row without a path until the files are in place. */
async function reserveVersion(db: Db, name: string) {
  for (let attempt = 0; ; attempt++) {
    const last = await db.dataset.aggregate({ where: { name }, _max: { version: true } });
    try {
      return await db.dataset.create({ data: { name, version: (last._max.version ?? 0) + 1, format: PREFERENCE_FORMAT } });
    } catch (e) {
      // two exports of the same name took the same number: take the next
      if ((e as { code?: string }).code !== "P2002" || attempt >= 5) throw e;
    }
  }
}

function renderPreferenceCard(m: PreferenceManifest): string {
  const f = m.files[0];
  return [
    "---",
    "configs:",
    "- config_name: default",
    "  data_files:",
    "  - split: train",
    "    path: train.jsonl",
    "tags:",
    "- tool-use",
    "- preference",
    "- trajectory-studio",
    "---",
    "",
    `# ${m.name} v${m.version}`,
    "",
    `Preference pairs of tool-use trajectories, exported by Trajectory Studio on ${m.createdAt.slice(0, 10)} as **TRL conversational preference** JSONL.`,
    "",
    "## Format",
    "",
    "One row per pair: `prompt` (the turns both trajectories share, up to where one was forked from the other, ending before an assistant turn), `chosen` and `rejected` (each trajectory's turns from there, opening with an assistant turn), and `tools` (JSON-schema function declarations for the chat template). Messages are those of the `trl` export: assistant `tool_calls` with arguments as the model wrote them, `tool` turns with `name` and `tool_call_id`. Ready for TRL's `DPOTrainer` and `RewardTrainer`.",
    "",
    "## Contents",
    "",
    `- Pairs with a preference: ${m.preference.pairs} (each pair's latest preference counts)`,
    `- Ties left out: ${m.preference.ties}`,
    `- Written: ${f.records} rows, ${f.bytes} bytes, sha256 \`${f.sha256.slice(0, 16)}…\``,
    `- Refused: ${m.preference.refused} pairs (each listed with its reasons in manifest.json); none of them is in the file`,
    ...(m.emptyBecause ? [`- Nothing was written: ${m.emptyBecause}`] : []),
    ...(m.adjustments.length ? ["", "Adjusted to fit the format (rows touched):", ...m.adjustments.map((a) => `- ${ADJUSTMENTS[a.code]}: ${a.records}`)] : []),
    "",
    "## Provenance",
    "",
    ...m.providers.map(
      (p) =>
        `- provider ${p.provider || "(unknown)"}: ${p.count} trajectories${p.provider === "offline" ? " (the deterministic offline provider: filler, not model output)" : ""}`,
    ),
    ...m.models.map((x) => `- model ${x.model || "(unknown)"}: ${x.count} trajectories`),
    ...m.simulatorPrompts.map(
      (p) => `- simulator prompts ${p.userSimulator || "(none)"} (user), ${p.toolSimulator || "(none)"} (tool): ${p.count} trajectories`,
    ),
    "",
    "## Loading",
    "",
    "```python",
    "from datasets import load_dataset",
    'ds = load_dataset("json", data_files={"train": "train.jsonl"})',
    "```",
    "",
  ].join("\n");
}
