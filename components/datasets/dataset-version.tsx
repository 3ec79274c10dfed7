import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { DatasetVersion } from "@/lib/datasets/files";
import type { PreviewInput, PreviewResult } from "@/lib/datasets/templates/preview";
import { CHAT_FORMATS } from "@/lib/datasets/templates/records";
import { TemplatePreview } from "./template-preview";
import { utcMinute } from "@/lib/util/format";

/** One exported dataset version: what is in it, where it came from, its card and its files. */
export function DatasetVersionCard({
  dataset: d,
  formatTitle,
  preview,
}: {
  dataset: DatasetVersion;
  formatTitle: string;
  preview: (input: PreviewInput) => Promise<PreviewResult>;
}) {
  const m = d.manifest;
  const offline = m?.providers.some((p) => p.provider === "offline");
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {d.name} <span className="text-slate-500">v{d.version}</span>
          <Badge tone="blue">{formatTitle}</Badge>
          {offline && (
            <Badge tone="amber" title="Some trajectories came from the deterministic offline provider">
              made by the offline provider
            </Badge>
          )}
        </span>
      }
      actions={<span className="text-xs text-slate-500">{utcMinute(d.createdAt)}</span>}
    >
      {!m ? (
        <p className="text-sm text-slate-500">
          Being written by its export run.{" "}
          <Link href="/runs" className="text-indigo-600 hover:underline">
            Follow it on Runs →
          </Link>
        </p>
      ) : (
        <div className="space-y-3 text-sm">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 md:grid-cols-4">
            <Fact label="records">{m.counts.written}</Fact>
            <Fact label="train / validation">
              {m.counts.train} / {m.counts.validation}
            </Fact>
            <Fact label="tasks (train / validation)">
              {m.counts.tasks.train} / {m.counts.tasks.validation}
            </Fact>
            <Fact label="duplicates dropped">{m.dedup ? m.counts.duplicatesDropped : "no dedup"}</Fact>
            <Fact label="selection">
              {m.filter.verdict === "any" ? "any verdict" : m.filter.verdict}
              {m.filter.runIds.length ? `, ${m.filter.runIds.length} run(s)` : ""}
              {m.filter.agentIds.length ? `, ${m.filter.agentIds.length} agent(s)` : ""}
              {m.filter.ids.length ? `, ${m.filter.ids.length} chosen` : ""}
            </Fact>
            <Fact label="models">{m.models.map((x) => `${x.model || "unknown"} (${x.count})`).join(", ") || "—"}</Fact>
            <Fact label="judge configs">{m.judgeConfigs.map((j) => `${j.judgeModel} ${j.configHash.slice(0, 8)}`).join(", ") || "—"}</Fact>
            <Fact label="imported">{m.counts.imported}</Fact>
            <Fact label="refused as invalid records">{m.counts.refused}</Fact>
          </dl>
          {m.emptyBecause && (
            <p className="rounded bg-amber-50 px-2 py-1 text-amber-900" data-testid="empty-because">
              Nothing was written: {m.emptyBecause}
            </p>
          )}
          {m.refused.length > 0 && (
            <details data-testid="refused-records">
              <summary className="cursor-pointer text-slate-600">Refused trajectories and why</summary>
              <ul className="mt-1 space-y-1 text-xs">
                {m.refused.slice(0, 50).map((r) => (
                  <li key={r.trajectoryId}>
                    <Link href={`/trajectories/${r.trajectoryId}`} className="font-mono text-indigo-600 hover:underline">
                      {r.trajectoryId}
                    </Link>
                    : {r.reasons.join("; ")}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="flex flex-wrap gap-3">
            {d.files.map((f) => (
              <a key={f} href={`/api/datasets/${d.id}/${f}`} className="text-indigo-600 hover:underline" download>
                {f}
              </a>
            ))}
          </div>
          <details>
            <summary className="cursor-pointer text-slate-600">Dataset card</summary>
            <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs text-slate-700">{d.card}</pre>
          </details>
          {CHAT_FORMATS.some((f) => f === d.format) && (
            <details>
              <summary className="cursor-pointer text-slate-600">Preview a record through a chat template</summary>
              <div className="mt-2">
                <TemplatePreview
                  datasetId={d.id}
                  files={m.files.flatMap((f) => (f.name === "train.jsonl" || f.name === "validation.jsonl" ? [{ name: f.name, records: f.records }] : []))}
                  preview={preview}
                />
              </div>
            </details>
          )}
        </div>
      )}
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-slate-800">{children}</dd>
    </div>
  );
}
