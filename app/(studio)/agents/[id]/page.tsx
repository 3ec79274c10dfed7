import Link from "next/link";
import { notFound } from "next/navigation";
import { PassRateCard, trajectoriesHref } from "@/components/review/pass-rate";
import { AgentTools } from "@/components/synthesis/agent-tools";
import { ProviderBadge } from "@/components/synthesis/provider-badge";
import { TasksTable } from "@/components/synthesis/tasks-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { SimulateForm } from "@/components/simulation/simulate-form";
import { hasRole } from "@/lib/auth/roles";
import { offlineRoles } from "@/lib/llm/status";
import { startSimulationAction } from "../../tasks/actions";
import { db } from "@/lib/db/client";
import { EMPTY_PASS_RATE, passRatesByAgent, passRatesByTask } from "@/lib/review/pass-rates";
import { agentHeading, getAgent } from "@/lib/synthesis/queries";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const agent = await agentHeading(db(), (await params).id);
  return { title: agent ? `Agent: ${agent.name}` : "Agent" };
}

export default async function AgentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const agent = await getAgent(db(), (await params).id);
  if (!agent) notFound();
  const [agentRates, taskRates] = await Promise.all([
    passRatesByAgent(db(), [agent.id]),
    passRatesByTask(
      db(),
      agent.tasks.map((t) => t.id),
    ),
  ]);
  const core = agent.tools.filter((t) => t.role === "core").length;
  const stats = agent.trajectoryStats;
  return (
    <>
      <PageHeader
        title={agent.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {agent.domain} · {core} core tools, {agent.tools.length - core} distractors · {agent.tasks.length} tasks · {stats.total} trajectories (
            {stats.accepted} accepted, {stats.rejected} rejected)
            <ProviderBadge provider={agent.provider} />
          </span>
        }
        actions={
          <Link href="/agents" className="text-sm text-indigo-600 hover:underline">
            ← All agents
          </Link>
        }
      />
      {hasRole(user.role, "admin") && (
        <div className="mb-6">
          <Card title="Simulate this agent's tasks">
            <SimulateForm selection={{ agentIds: [agent.id] }} start={startSimulationAction} offline={(await offlineRoles()).includes("agent")} />
          </Card>
        </div>
      )}
      <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-2">
        <Card title="System prompt">
          <pre className="whitespace-pre-wrap font-sans text-sm text-slate-800" data-testid="system-prompt">
            {agent.systemPrompt}
          </pre>
        </Card>
        <div className="space-y-6">
          <PassRateCard rate={agentRates[agent.id] ?? EMPTY_PASS_RATE} href={trajectoriesHref({ agentId: agent.id })} />
          <Card title="Tools">
            <AgentTools tools={agent.tools} />
          </Card>
        </div>
      </div>
      <h2 className="mb-2 mt-8 text-sm font-semibold text-slate-800">Tasks</h2>
      {agent.tasks.length === 0 ? (
        <EmptyState title="No tasks for this agent yet" stage="synthesize tasks" href="/tasks" />
      ) : (
        <TasksTable showAgent={false} rows={agent.tasks.map((t) => ({ ...t, trajectories: t._count.trajectories }))} passRates={taskRates} />
      )}
    </>
  );
}
