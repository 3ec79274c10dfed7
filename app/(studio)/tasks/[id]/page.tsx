import Link from "next/link";
import { notFound } from "next/navigation";
import { PassRateCard, trajectoriesHref } from "@/components/review/pass-rate";
import { ProviderBadge } from "@/components/synthesis/provider-badge";
import { PersonaView, RubricTable, VerifierView } from "@/components/synthesis/task-details";
import { DIFFICULTY_TONE } from "@/components/synthesis/tasks-table";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { EMPTY_PASS_RATE, passRatesByTask } from "@/lib/review/pass-rates";
import { PassKCard } from "@/components/synthesis/pass-k";
import { ReviewFlagNotice } from "@/components/judge/review-flag-notice";
import { passKByTask } from "@/lib/judge/pass-k";
import { getTask, taskHeading } from "@/lib/synthesis/queries";
import { shortTitle } from "@/lib/review/item-titles";
import { SimulateForm } from "@/components/simulation/simulate-form";
import { hasRole } from "@/lib/auth/roles";
import { offlineRoles } from "@/lib/llm/status";
import { startSimulationAction } from "../actions";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const task = await taskHeading(db(), (await params).id);
  return { title: task ? `Task: ${shortTitle(task.goal)}` : "Task" };
}

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const task = await getTask(db(), (await params).id);
  if (!task) notFound();
  const [offline, rates, passK] = await Promise.all([
    offlineRoles().then((roles) => roles.includes("agent")),
    passRatesByTask(db(), [task.id]),
    passKByTask(db(), [task.id]),
  ]);
  return (
    <>
      <PageHeader
        title={shortTitle(task.goal, 120)}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={DIFFICULTY_TONE[task.difficulty]}>{task.difficulty.replace("_", " ")}</Badge>
            {task.environment} · {task.mode} · for{" "}
            <Link href={`/agents/${task.agent.id}`} className="text-indigo-600 hover:underline">
              {task.agent.name}
            </Link>{" "}
            ·{" "}
            <Link href={`/trajectories?taskId=${task.id}`} className="text-indigo-600 hover:underline" data-testid="trajectory-count">
              {task.trajectories} trajectories
            </Link>
            <ProviderBadge provider={task.provider} />
          </span>
        }
        actions={
          <Link href="/tasks" className="text-sm text-indigo-600 hover:underline">
            ← All tasks
          </Link>
        }
      />
      <ReviewFlagNotice taskId={task.id} reason={task.reviewFlag} />
      {hasRole(user.role, "admin") && (
        <div className="mb-6">
          <Card title="Simulate this task">
            <SimulateForm selection={{ taskIds: [task.id] }} start={startSimulationAction} offline={offline} />
          </Card>
        </div>
      )}
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <PassRateCard rate={rates[task.id] ?? EMPTY_PASS_RATE} href={trajectoriesHref({ taskId: task.id })} />
        <PassKCard passK={passK[task.id]} />
        <Card title="Goal (hidden from the agent)">
          <p className="text-sm text-slate-800" data-testid="goal">
            {task.goal}
          </p>
        </Card>
        <Card title={task.mode === "interactive" ? "First user message" : "Instruction"}>
          <p className="whitespace-pre-wrap text-sm text-slate-800" data-testid="instruction">
            {task.instruction}
          </p>
        </Card>
        <Card title="User persona">
          <PersonaView persona={task.persona} mode={task.mode} />
        </Card>
        <Card title="Tools">
          <p className="text-sm">
            <span className="text-slate-500">Must call:</span> {task.requiredTools.length ? task.requiredTools.join(", ") : "none"}
          </p>
          <p className="mt-1 text-sm">
            <span className="text-slate-500">Must not call:</span> {task.forbiddenTools.length ? task.forbiddenTools.join(", ") : "none"}
          </p>
        </Card>
        <Card title="Rubric">
          <RubricTable rubric={task.rubric} />
        </Card>
        <Card title="Verifier">
          <VerifierView verifier={task.verifier} />
        </Card>
      </div>
    </>
  );
}
