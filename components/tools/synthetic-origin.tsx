import Link from "next/link";
import { runHref } from "@/components/runs/run-href";
import type { SyntheticOrigin } from "@/lib/catalog/synthetic-origin";
import { stageTitle } from "@/lib/jobs/stage-titles";
import { utcMinute } from "@/lib/util/format";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_minmax(0,1fr)] gap-2">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-800">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-500">not recorded</span>;

/** How a synthetic tool was made: the seed tools it was evolved from, its category and domain, and the run, model and prompt that wrote it. */
export function SyntheticOriginView({ origin }: { origin: SyntheticOrigin }) {
  return (
    <dl className="space-y-1.5 text-sm" data-testid="synthetic-origin">
      <Row label="Evolved from">
        {origin.seeds.length ? (
          <ul className="space-y-0.5" data-testid="seed-tools">
            {origin.seeds.map((s) =>
              s.exists ? (
                <li key={s.id}>
                  <Link href={`/tools/${s.id}`} className="font-mono text-xs text-indigo-700 hover:underline">
                    {s.name}
                  </Link>
                </li>
              ) : (
                <li key={s.id} className="font-mono text-xs text-slate-600">
                  {s.name} <span className="font-sans text-slate-500">(no longer in the catalogue)</span>
                </li>
              ),
            )}
          </ul>
        ) : (
          none
        )}
      </Row>
      <Row label="Category">
        {origin.category ? (
          origin.categoryExists ? (
            <Link href={`/tools?categoryId=${origin.category.id}`} className="text-indigo-700 hover:underline" data-testid="origin-category">
              {origin.category.name}
            </Link>
          ) : (
            `${origin.category.name} (since removed)`
          )
        ) : (
          none
        )}
      </Row>
      <Row label="Domain">{origin.domain ?? none}</Row>
      <Row label="Run">
        {origin.run ? (
          <Link href={runHref(origin.run.id)} className="text-indigo-700 hover:underline" data-testid="origin-run">
            {stageTitle(origin.run.kind)} <span className="font-mono text-xs">{origin.run.id.slice(-8)}</span>, {utcMinute(origin.run.createdAt)} UTC
          </Link>
        ) : origin.runId ? (
          <span className="font-mono text-xs">{origin.runId.slice(-8)} (since removed)</span>
        ) : (
          none
        )}
      </Row>
      <Row label="Model">{origin.model ? `${origin.model}${origin.provider ? ` (${origin.provider})` : ""}` : none}</Row>
      <Row label="Prompt">{origin.promptVersion ?? none}</Row>
      {origin.seed !== undefined && <Row label="Call seed">{origin.seed}</Row>}
    </dl>
  );
}
