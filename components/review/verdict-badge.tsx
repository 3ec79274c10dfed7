import { Badge } from "@/components/ui/badge";

/** accepted / rejected / none, coloured; `testId` lets tests read one verdict of several. */
export function VerdictBadge({ verdict, testId, empty = "—" }: { verdict: string | null | undefined; testId?: string; empty?: string }) {
  return (
    <span data-testid={testId} data-verdict={verdict ?? "none"}>
      {verdict ? <Badge tone={verdict === "accepted" ? "green" : "red"}>{verdict}</Badge> : <span className="text-xs text-slate-500">{empty}</span>}
    </span>
  );
}
