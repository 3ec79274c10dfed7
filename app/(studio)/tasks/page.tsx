import { taskFormFields } from "@/components/synthesis/form-fields";
import { FormPanel } from "@/components/synthesis/form-panel";
import { Pager } from "@/components/synthesis/pager";
import { SynthesisRunForm } from "@/components/synthesis/run-form";
import { TaskFilters } from "@/components/synthesis/task-filters";
import { TasksTable } from "@/components/synthesis/tasks-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { passKByTask } from "@/lib/judge/pass-k";
import { passRatesByTask } from "@/lib/review/pass-rates";
import { agentOptions, listTasks, PAGE_SIZE, taskFilterSchema } from "@/lib/synthesis/queries";
import { SimulateForm } from "@/components/simulation/simulate-form";
import { offlineRoles } from "@/lib/llm/status";
import { estimateTaskSynthesisAction, startSimulationAction, startTaskSynthesisAction } from "./actions";

export const metadata = { title: "Tasks" };

export default async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser();
  const filter = taskFilterSchema.parse(await searchParams);
  const [{ rows, total }, agents] = await Promise.all([listTasks(db(), filter), agentOptions(db())]);
  const [passRates, passK] = await Promise.all([
    passRatesByTask(
      db(),
      rows.map((r) => r.id),
    ),
    passKByTask(
      db(),
      rows.map((r) => r.id),
    ),
  ]);
  const filtered = Boolean(filter.agentId || filter.difficulty || filter.environment || filter.mode || filter.solved);
  return (
    <>
      <PageHeader
        title="Tasks"
        description="Tasks per agent, from a single call to multi-step, parallel, clarification, refusal and no-tool work: each with a hidden goal, a user persona or an autonomous instruction, and a rubric; code and math tasks carry a verifier."
      />
      <div className="space-y-6">
        {hasRole(user.role, "admin") && (
          <FormPanel title="Synthesize tasks" open={total === 0}>
            {agents.length === 0 ? (
              <p className="text-sm text-slate-500">Tasks are written for agents: synthesize agents first.</p>
            ) : (
              <SynthesisRunForm
                fields={taskFormFields(agents)}
                start={startTaskSynthesisAction}
                estimate={estimateTaskSynthesisAction}
                submitLabel="Start synthesis"
                testId="synthesize-tasks-form"
              />
            )}
          </FormPanel>
        )}
        {hasRole(user.role, "admin") && total > 0 && (
          <FormPanel title="Simulate every task" open={false}>
            <SimulateForm
              selection={{ all: true }}
              start={startSimulationAction}
              offline={(await offlineRoles()).includes("agent")}
              testId="simulate-all-form"
            />
          </FormPanel>
        )}
        <div>
          <TaskFilters filter={filter} agents={agents} />
          {rows.length === 0 ? (
            <EmptyState title={filtered ? "No task matches these filters" : "No tasks yet"} stage="synthesize tasks" />
          ) : (
            <>
              <TasksTable rows={rows} passRates={passRates} passK={passK} />
              <Pager
                page={filter.page}
                pageSize={PAGE_SIZE}
                total={total}
                params={{
                  agentId: filter.agentId,
                  difficulty: filter.difficulty,
                  environment: filter.environment,
                  mode: filter.mode,
                  solved: filter.solved,
                  ...(filter.sort === "passK" ? { sort: filter.sort, k: String(filter.k), dir: filter.dir } : {}),
                }}
                path="/tasks"
              />
            </>
          )}
        </div>
      </div>
    </>
  );
}
