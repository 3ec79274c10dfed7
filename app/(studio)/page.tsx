import Link from "next/link";
import { BlameCounts } from "@/components/dashboard/blame-counts";
import { Funnel } from "@/components/dashboard/funnel";
import { JudgeAgreement } from "@/components/dashboard/judge-agreement";
import { Pipeline } from "@/components/dashboard/pipeline";
import { RecentRuns } from "@/components/dashboard/recent-runs";
import { Spend } from "@/components/dashboard/spend";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { dashboardData } from "@/lib/dashboard";
import { db } from "@/lib/db/client";
import { blameCounts } from "@/lib/judge/blame-counts";
import { spendSummary } from "@/lib/spend";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // the layout's check alone is not enough: a client navigation renders only the page
  await requirePageUser();
  const [{ counts, funnel, agreement, runs }, blames, spend] = await Promise.all([dashboardData(db()), blameCounts(db()), spendSummary(db())]);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Real tool specs come in, get filtered and clustered; tools, agents and tasks are synthesized from them; episodes are simulated and judged; people review; accepted trajectories become training data."
      />
      <Pipeline counts={counts} />
      <div className="mt-6 grid grid-cols-1 gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <Card title="Funnel">
            <Funnel steps={funnel} />
          </Card>
        </div>
        <Card title="Judge–human agreement">
          <JudgeAgreement agreement={agreement} />
        </Card>
        <Card title="Who failed">
          <BlameCounts counts={blames} />
        </Card>
      </div>
      <div className="mt-6">
        <Card title="Cost">
          <Spend spend={spend} />
        </Card>
      </div>
      <div className="mt-6">
        <Card
          title="Recent runs"
          actions={
            <Link href="/runs" className="text-sm text-indigo-600 hover:underline">
              {counts.activeRuns > 0 ? `${counts.activeRuns} in progress · ` : ""}All runs →
            </Link>
          }
        >
          <RecentRuns runs={runs} />
        </Card>
      </div>
    </>
  );
}
