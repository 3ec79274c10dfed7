import Link from "next/link";
import type { PipelineCounts } from "@/lib/dashboard";

/** The pipeline as a row of stages, each with what it has produced; an empty stage is where to go next. */
export function Pipeline({ counts }: { counts: PipelineCounts }) {
  const stages = [
    { href: "/sources", label: "Sources", value: counts.sources, detail: "MCP servers and files" },
    {
      href: "/tools",
      label: "Tools",
      value: counts.realTools + counts.syntheticTools,
      detail: `${counts.realTools} real · ${counts.syntheticTools} synthetic · ${counts.acceptedTools} accepted`,
    },
    { href: "/categories", label: "Categories", value: counts.categories, detail: "clusters of the tool space" },
    { href: "/agents", label: "Agents", value: counts.agents, detail: "prompts with tool sets" },
    { href: "/tasks", label: "Tasks", value: counts.tasks, detail: "with rubrics and personas" },
    { href: "/trajectories", label: "Trajectories", value: counts.trajectories, detail: `${counts.judged} judged · ${counts.accepted} accepted` },
    { href: "/review", label: "Reviewed", value: counts.reviewed, detail: "labelled by people" },
    { href: "/datasets", label: "Datasets", value: counts.datasets, detail: "exported versions" },
  ];
  return (
    <ol className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
      {stages.map((s, i) => (
        <li key={s.href}>
          <Link
            href={s.href}
            className={`block h-full rounded-lg border p-3 transition hover:border-indigo-300 hover:shadow-sm ${
              s.value === 0 ? "border-dashed border-slate-300 bg-white/60" : "border-slate-200 bg-white"
            }`}
          >
            <p className="text-xs text-slate-500">{i + 1}</p>
            <p className="text-sm font-medium text-slate-700">{s.label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={`count-${s.label.toLowerCase()}`}>
              {s.value.toLocaleString()}
            </p>
            <p className="mt-1 text-xs text-slate-500">{s.detail}</p>
          </Link>
        </li>
      ))}
    </ol>
  );
}
