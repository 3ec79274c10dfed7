import Link from "next/link";
import { AdjudicateForm } from "@/components/review/adjudicate-form";
import { VerdictBadge } from "@/components/review/verdict-badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listDisagreements } from "@/lib/review/adjudication";
import { loadTrajectoryTitles } from "@/lib/review/item-titles";
import { utcMinute } from "@/lib/util/format";
import { adjudicateAction } from "../adjudication-actions";

export const metadata = { title: "Adjudication" };

export default async function AdjudicationPage({ searchParams }: { searchParams: Promise<{ resolved?: string }> }) {
  const user = await requirePageUser();
  const resolved = (await searchParams).resolved === "1";
  const { items, total } = await listDisagreements(db(), { resolved });
  const titles = await loadTrajectoryTitles(
    db(),
    items.map((i) => i.trajectoryId),
  );
  const canAdjudicate = hasRole(user.role, "admin");
  return (
    <>
      <PageHeader
        title="Adjudication"
        description="Trajectories where reviewers gave different verdicts, or agree with each other and not with the judge. An admin's final label decides the human verdict; every label stays in the history. Items still being labelled blind appear once all their reviewers have answered."
        actions={
          <Link href={resolved ? "/review/adjudication" : "/review/adjudication?resolved=1"} className="text-sm text-indigo-600 hover:underline">
            {resolved ? "Open disagreements only" : "Include resolved ones"}
          </Link>
        }
      />
      <p className="mb-4 text-sm text-slate-600" data-testid="adjudication-count">
        {total === 0
          ? "No disagreement to settle."
          : `${total} ${total === 1 ? "disagreement" : "disagreements"}${total > items.length ? `, the first ${items.length} shown` : ""}.`}
      </p>
      <div className="space-y-4">
        {items.map((item) => (
          <Card
            key={item.trajectoryId}
            title={
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`/trajectories/${item.trajectoryId}`} className="text-indigo-600 hover:underline">
                  {titles[item.trajectoryId] ?? item.trajectoryId}
                </Link>
                <span className="text-xs font-normal text-slate-500">
                  {item.reason === "reviewers" ? "reviewers disagree" : `the judge disagrees with the reviewers (${item.majority})`}
                </span>
              </span>
            }
          >
            <div className="space-y-3" data-testid="disagreement" data-trajectory={item.trajectoryId}>
              <table className="w-full text-sm">
                <thead className="text-left text-xs text-slate-500">
                  <tr>
                    <th className="py-1 pr-3 font-medium">Who</th>
                    <th className="py-1 pr-3 font-medium">Verdict</th>
                    <th className="py-1 pr-3 font-medium">Scores</th>
                    <th className="py-1 font-medium">Note</th>
                  </tr>
                </thead>
                <tbody>
                  <tr className="border-t border-slate-100">
                    <td className="py-1 pr-3 text-slate-600">Judge</td>
                    <td className="py-1 pr-3">
                      <VerdictBadge verdict={item.judgeVerdict} empty="not judged" />
                    </td>
                    <td />
                    <td />
                  </tr>
                  {item.labels.map((l) => (
                    <tr key={l.reviewerId} className="border-t border-slate-100 align-top" data-testid="side-label">
                      <td className="py-1 pr-3 text-slate-800">
                        {l.reviewerName}
                        <span className="block text-xs text-slate-500">{utcMinute(l.createdAt)}</span>
                      </td>
                      <td className="py-1 pr-3">
                        <VerdictBadge verdict={l.verdict} />
                      </td>
                      <td className="py-1 pr-3 text-xs text-slate-600">
                        {[...Object.entries(l.criteria).map(([k, v]) => `${k}: ${v}`), ...l.scores.map((s) => `${s.name}: ${JSON.stringify(s.value)}`)].join(
                          " · ",
                        )}
                      </td>
                      <td className="py-1 whitespace-pre-wrap text-slate-700">{l.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {item.resolved ? (
                <p className="text-sm text-slate-700" data-testid="resolved">
                  Settled as <VerdictBadge verdict={item.resolved.verdict} /> by {item.resolved.by} at {utcMinute(item.resolved.at)} UTC
                </p>
              ) : canAdjudicate ? (
                <AdjudicateForm trajectoryId={item.trajectoryId} adjudicate={adjudicateAction} />
              ) : (
                <p className="text-xs text-slate-500">An admin settles it.</p>
              )}
            </div>
          </Card>
        ))}
      </div>
    </>
  );
}
