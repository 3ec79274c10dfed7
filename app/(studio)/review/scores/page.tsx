import Link from "next/link";
import { ArchiveScoreConfig } from "@/components/review/archive-score-config";
import { ScoreConfigForm } from "@/components/review/score-config-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { SCORE_KIND_LABELS, SCORE_SCOPE_LABELS, type ScoreConfigView } from "@/lib/review/score-config-schema";
import { listScoreConfigs } from "@/lib/review/score-configs";
import { utcMinute } from "@/lib/util/format";
import { archiveScoreConfigAction, createScoreConfigAction } from "./actions";

export const metadata = { title: "Score configurations" };

function Answers({ c }: { c: ScoreConfigView }) {
  if (c.kind === "categorical") return <>{`${c.multiple ? "any of" : "one of"}: ${c.options.join(", ")}`}</>;
  if (c.kind === "numeric") return <>{`${c.min} to ${c.max}`}</>;
  return <>{SCORE_KIND_LABELS[c.kind]}</>;
}

export default async function ScoreConfigsPage() {
  const user = await requirePageUser();
  const configs = await listScoreConfigs(db());
  const isAdmin = hasRole(user.role, "admin");
  return (
    <>
      <PageHeader
        title="Score configurations"
        description="The questions reviewers answer, about a whole trajectory or about one step. A queue names the ones its reviewers answer; outside a queue the label form asks every active one. A configuration is never edited, so its answers keep their meaning: archive it and add another."
        actions={
          <Link href="/review" className="text-sm text-indigo-600 hover:underline">
            ← Review
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title="Configurations">
          <ul className="divide-y divide-slate-100 text-sm" data-testid="score-configs">
            <li className="flex flex-wrap items-center gap-2 py-2" data-testid="score-config" data-name="Rubric criteria">
              <span className="font-medium text-slate-800">Rubric criteria</span>
              <Badge tone="violet">built in</Badge>
              <Badge>{SCORE_SCOPE_LABELS.trajectory}</Badge>
              <span className="text-xs text-slate-500">each criterion of the task&apos;s rubric: met, partly met or not met</span>
            </li>
            {configs.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="score-config" data-name={c.name}>
                <span className={`font-medium ${c.archivedAt ? "text-slate-500 line-through" : "text-slate-800"}`}>{c.name}</span>
                <Badge tone="blue">{SCORE_KIND_LABELS[c.kind]}</Badge>
                <Badge>{SCORE_SCOPE_LABELS[c.scope]}</Badge>
                {c.archivedAt && <Badge tone="amber">archived</Badge>}
                <span className="min-w-0 break-words text-xs text-slate-500">
                  <Answers c={c} />
                  {c.description && ` · ${c.description}`} · {c.answers} {c.answers === 1 ? "answer" : "answers"}
                  {c.createdBy && ` · by ${c.createdBy.name}`} · {utcMinute(c.createdAt)} UTC
                </span>
                {isAdmin && (
                  <span className="ml-auto">
                    <ArchiveScoreConfig id={c.id} name={c.name} archived={!!c.archivedAt} action={archiveScoreConfigAction} />
                  </span>
                )}
              </li>
            ))}
          </ul>
          {configs.length === 0 && (
            <p className="mt-2 text-sm text-slate-500">Only the built-in rubric criteria so far{isAdmin ? ": add a configuration below." : "."}</p>
          )}
        </Card>
        {isAdmin ? (
          <Card title="Add a configuration">
            <ScoreConfigForm create={createScoreConfigAction} />
          </Card>
        ) : (
          <p className="text-sm text-slate-500">Admins define configurations.</p>
        )}
      </div>
    </>
  );
}
