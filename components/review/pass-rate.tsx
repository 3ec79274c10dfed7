import Link from "next/link";
import { percent } from "@/components/judge/format";
import { Card } from "@/components/ui/card";
import { listFilterQuery, type ListFilter } from "@/lib/review/filter";
import { PASS_RATE_DEFINITION, type PassRate } from "@/lib/review/pass-rates";

/** The trajectory list filtered to one agent, task or tool. */
export function trajectoriesHref(filter: Pick<Partial<ListFilter>, "agentId" | "taskId" | "toolId">): string {
  return `/trajectories?${listFilterQuery(filter)}`;
}

const describe = (r: PassRate) => `${r.accepted} accepted of ${r.decided} decided, ${r.trajectories} trajectories`;

/** A column header that says what the pass rate is. */
export function PassRateHeader({ className = "" }: { className?: string }) {
  return (
    <th className={className} title={PASS_RATE_DEFINITION} aria-describedby="pass-rate-definition">
      Pass rate
    </th>
  );
}

/** The definition under a table with a pass-rate column (the header points at it). */
export function PassRateLegend({ extra }: { extra?: string }) {
  return (
    <p id="pass-rate-definition" className="mt-2 text-xs text-slate-500">
      {PASS_RATE_DEFINITION}
      {extra && ` ${extra}`}
    </p>
  );
}

/** A table cell: the rate and accepted/decided, linking to the trajectories. */
export function PassRateCell({ rate, href, className = "" }: { rate: PassRate | undefined; href: string; className?: string }) {
  return (
    <td className={`text-right tabular-nums ${className}`} data-testid="pass-rate-cell">
      {!rate || rate.trajectories === 0 ? (
        <span className="text-slate-500" title="no trajectories yet">
          —
        </span>
      ) : (
        <Link
          href={href}
          className="rounded hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
          aria-label={`${percent(rate.rate)} ${rate.accepted}/${rate.decided} pass rate: ${describe(rate)}. Open the trajectories`}
          title={describe(rate)}
        >
          <span className="font-medium text-slate-800">{percent(rate.rate)}</span>{" "}
          <span className="text-xs text-slate-500">
            {rate.accepted}/{rate.decided}
          </span>
        </Link>
      )}
    </td>
  );
}

/** The summary card of an agent, task or tool page. */
export function PassRateCard({ rate, href, note }: { rate: PassRate; href: string; note?: string }) {
  const rows: [string, number, string][] = [
    ["trajectories", rate.trajectories, ""],
    ["judged", rate.judged, "with a judge verdict"],
    ["reviewed", rate.reviewed, "labelled by a person"],
    ["decided", rate.decided, "judged or reviewed"],
    ["accepted", rate.accepted, "effective verdict"],
  ];
  return (
    <Card title="Pass rate">
      <div data-testid="pass-rate" data-rate={rate.rate ?? ""}>
        <p className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="pass-rate-value">
          {percent(rate.rate)}
          <span className="ml-2 text-sm font-normal text-slate-500">
            {rate.accepted} of {rate.decided} decided
          </span>
        </p>
        <dl className="mt-3 grid grid-cols-[auto_auto_1fr] gap-x-3 gap-y-0.5 text-sm">
          {rows.map(([label, value, hint]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="text-right font-mono tabular-nums">{value.toLocaleString("en")}</dd>
              <dd className="text-xs leading-5 text-slate-500">{hint}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3">
          <Link href={href} className="text-sm text-indigo-600 hover:underline" data-testid="pass-rate-link">
            Open the {rate.trajectories.toLocaleString("en")} trajectories →
          </Link>
        </p>
        <p className="mt-3 text-xs text-slate-500">
          {PASS_RATE_DEFINITION}
          {note && ` ${note}`}
        </p>
      </div>
    </Card>
  );
}
