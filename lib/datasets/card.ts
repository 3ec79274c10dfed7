import { FORMATS } from "./formats";
import { ADJUSTMENTS } from "./formats/types";
import type { Manifest } from "./manifest";

/** The dataset card (README.md): a Hugging Face card header, then what is in the files and where it came from. */
export function renderCard(m: Manifest): string {
  const format = FORMATS[m.format];
  const splits = m.files.filter((f) => f.name.endsWith(".jsonl"));
  const filter = [
    m.filter.verdict === "any" ? "every effective verdict" : `effective verdict = ${m.filter.verdict}`,
    m.filter.runIds.length ? `runs: ${m.filter.runIds.join(", ")}` : null,
    m.filter.agentIds.length ? `agents: ${m.filter.agentIds.join(", ")}` : null,
    m.filter.ids.length ? `${m.filter.ids.length} chosen trajectories` : null,
  ].filter(Boolean);
  const list = (rows: string[]) => (rows.length ? rows.map((r) => `- ${r}`).join("\n") : "- none");
  return [
    "---",
    "configs:",
    "- config_name: default",
    "  data_files:",
    ...splits.map((f) => `  - split: ${f.name.replace(/\.jsonl$/, "")}\n    path: ${f.name}`),
    "tags:",
    "- tool-use",
    "- agent-trajectories",
    "- trajectory-studio",
    "---",
    "",
    `# ${m.name} v${m.version}`,
    "",
    `Tool-use trajectories exported by Trajectory Studio on ${m.createdAt.slice(0, 10)} as **${format.title}** JSONL.`,
    "",
    "## Format",
    "",
    format.description,
    "",
    ...(format.trainingRule ? ["### Which turns are trained", "", format.trainingRule, ""] : []),
    "## Contents",
    "",
    `| split | records | tasks | bytes | sha256 |`,
    `| --- | ---: | ---: | ---: | --- |`,
    ...splits.map((f) => {
      const tasks = f.name === "validation.jsonl" ? m.counts.tasks.validation : m.counts.tasks.train;
      return `| ${f.name.replace(/\.jsonl$/, "")} | ${f.records} | ${tasks} | ${f.bytes} | \`${f.sha256.slice(0, 16)}…\` |`;
    }),
    "",
    `- Selected: ${m.counts.selected} trajectories (${filter.join("; ")})`,
    `- Written: ${m.counts.written}${m.dedup ? ` after dropping ${m.counts.duplicatesDropped} duplicates (same messages)` : " (no deduplication)"}`,
    `- Imported from other tools: ${m.counts.imported}`,
    ...(m.counts.humanEdited
      ? [
          `- Corrected by reviewers: ${m.counts.humanEdited} records written from a reviewer's correction instead of the original (listed in manifest.json's records with "human_edited": true)`,
        ]
      : []),
    `- Refused: ${m.counts.refused} trajectories that cannot be valid ${m.format} records (each listed with its reasons in manifest.json${m.counts.refused > m.refused.length ? `, the first ${m.refused.length}` : ""}); none of them is in the files`,
    ...(m.emptyBecause ? [`- Nothing was written: ${m.emptyBecause}`] : []),
    ...(m.adjustments.length
      ? ["", "Adjusted to fit the format (each counted once per record it touched):", ...m.adjustments.map((a) => `- ${ADJUSTMENTS[a.code]}: ${a.records}`)]
      : []),
    m.split
      ? `- Split by task with seed \`${m.split.seed}\`: about ${Math.round(m.split.validationFraction * 100)}% of tasks in validation; no task appears in both splits. Trajectories without a task are each their own group.`
      : "- No validation split.",
    "",
    "## Provenance",
    "",
    "Models:",
    list(m.models.map((r) => `${r.model || "(unknown)"}: ${r.count}`)),
    "",
    "Providers:",
    list(
      m.providers.map(
        (r) => `${r.provider || "(unknown)"}: ${r.count}${r.provider === "offline" ? " (the deterministic offline provider: filler, not model output)" : ""}`,
      ),
    ),
    "",
    "Simulator prompts (user simulator, tool simulator):",
    list(m.simulatorPrompts.map((p) => `${p.userSimulator || "(none)"}, ${p.toolSimulator || "(none)"}: ${p.count}`)),
    "",
    "Source runs:",
    list(m.sourceRuns.map((r) => `${r.runId} (${r.kind ?? "deleted run"}): ${r.count}`)),
    "",
    "Judge configurations:",
    list(m.judgeConfigs.map((j) => `${j.judgeModel}, prompt ${j.promptVersion}, config \`${j.configHash}\`: ${j.judgements} judgements`)),
    "",
    "## Loading",
    "",
    "```python",
    "from datasets import load_dataset",
    `ds = load_dataset("json", data_files={${splits.map((f) => `"${f.name.replace(/\.jsonl$/, "")}": "${f.name}"`).join(", ")}})`,
    "```",
    "",
  ].join("\n");
}
