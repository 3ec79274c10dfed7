import { percent } from "@/components/judge/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { TaskPassK } from "@/lib/judge/pass-k";

export const PASS_K_DEFINITION =
  "pass^k = the chance that k episodes of the task, drawn from its judged episodes, all succeed (C(successes, k) ÷ C(episodes, k), as tau-bench defines it); episodes the infrastructure failed are left out.";

function Flag({ flag }: { flag: TaskPassK["flag"] }) {
  if (flag === "never_solved") return <Badge tone="red">never solved</Badge>;
  if (flag === "always_solved") return <Badge tone="green">always solved</Badge>;
  return null;
}

/** A table cell: pass^1 … pass^n in a row, and whether no episode or every episode solves the task. */
export function PassKCell({ passK, className = "" }: { passK: TaskPassK | undefined; className?: string }) {
  return (
    <td className={`tabular-nums ${className}`} data-testid="pass-k-cell" data-pass-1={passK?.passAtK[0] ?? ""}>
      {!passK ? (
        <span className="text-slate-500" title="no judged episode yet">
          —
        </span>
      ) : (
        <span className="flex flex-wrap items-center gap-1.5" title={`${passK.successes} of ${passK.n} judged episodes succeeded`}>
          <span className="text-xs text-slate-700">{passK.passAtK.map((p, i) => `${i + 1}: ${percent(p)}`).join(" · ")}</span>
          <Flag flag={passK.flag} />
        </span>
      )}
    </td>
  );
}

/** The task page's card: pass^k for each k up to its judged episodes. */
export function PassKCard({ passK }: { passK: TaskPassK | undefined }) {
  return (
    <Card title="pass^k">
      <div className="space-y-2 text-sm" data-testid="pass-k">
        {!passK ? (
          <p className="text-slate-500">No judged episode yet: simulate and judge this task (episodes per task k gives pass^1 … pass^k).</p>
        ) : (
          <>
            <p className="flex flex-wrap items-center gap-2 text-slate-700">
              {passK.successes} of {passK.n} judged episodes succeeded <Flag flag={passK.flag} />
            </p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
              {passK.passAtK.map((p, i) => (
                <div key={i} className="contents">
                  <dt className="text-slate-500">pass^{i + 1}</dt>
                  <dd className="font-mono tabular-nums" data-testid={`pass-k-${i + 1}`}>
                    {percent(p)}
                  </dd>
                </div>
              ))}
            </dl>
          </>
        )}
        <p className="text-xs text-slate-500">{PASS_K_DEFINITION}</p>
      </div>
    </Card>
  );
}
