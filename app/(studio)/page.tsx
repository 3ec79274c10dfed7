import Link from "next/link";
import { Pipeline } from "@/components/dashboard/pipeline";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { pipelineCounts } from "@/lib/dashboard";
import { db } from "@/lib/db/client";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  // the layout's check alone is not enough: a client navigation renders only the page
  await requirePageUser();
  const counts = await pipelineCounts(db());
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Real tool specs come in, get filtered and clustered; tools, agents and tasks are synthesized from them; episodes are simulated and judged; people review; accepted trajectories become training data."
      />
      <Pipeline counts={counts} />
      <p className="mt-6 text-sm text-slate-500">
        {counts.activeRuns > 0 ? (
          <Link href="/runs" className="text-indigo-600 hover:underline">
            {counts.activeRuns} run{counts.activeRuns === 1 ? "" : "s"} in progress →
          </Link>
        ) : (
          "No run in progress."
        )}
      </p>
    </>
  );
}
