import { AgentsTable } from "@/components/synthesis/agents-table";
import { agentFormFields, toolFormFields } from "@/components/synthesis/form-fields";
import { FormPanel } from "@/components/synthesis/form-panel";
import { Pager } from "@/components/synthesis/pager";
import { SynthesisRunForm } from "@/components/synthesis/run-form";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { passRatesByAgent } from "@/lib/review/pass-rates";
import { agentFilterSchema, categoryOptions, listAgents, PAGE_SIZE } from "@/lib/synthesis/queries";
import { estimateAgentSynthesisAction, estimateToolSynthesisAction, startAgentSynthesisAction, startToolSynthesisAction } from "./actions";

export const metadata = { title: "Agents" };

export default async function AgentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser();
  const params = await searchParams;
  const filter = agentFilterSchema.parse(params);
  const isAdmin = hasRole(user.role, "admin");
  const [{ rows, total }, categories] = await Promise.all([listAgents(db(), filter), isAdmin ? categoryOptions(db()) : []]);
  const passRates = await passRatesByAgent(
    db(),
    rows.map((r) => r.id),
  );
  return (
    <>
      <PageHeader
        title="Agents"
        description="Each agent is a system prompt (role, domain, policies, tone) and a tool set: core tools from one to three related categories, plus distractors from unrelated ones that it should leave alone."
      />
      <div className="space-y-6">
        {isAdmin && (
          <>
            <FormPanel title="Synthesize tools (grow the catalogue per category, before agents)" open={false}>
              <SynthesisRunForm
                fields={toolFormFields(categories.map((c) => ({ id: c.id, name: c.name, tools: c._count.tools })))}
                start={startToolSynthesisAction}
                estimate={estimateToolSynthesisAction}
                submitLabel="Start tool synthesis"
                testId="synthesize-tools-form"
              />
            </FormPanel>
            <FormPanel title="Synthesize agents" open={total === 0}>
              <SynthesisRunForm
                fields={agentFormFields()}
                start={startAgentSynthesisAction}
                estimate={estimateAgentSynthesisAction}
                submitLabel="Start synthesis"
                testId="synthesize-agents-form"
              />
            </FormPanel>
          </>
        )}
        <div>
          <form method="get" className="mb-3 flex flex-wrap items-end gap-2">
            <label className="w-full text-xs text-slate-500 sm:w-72">
              Search agents
              <Input name="q" type="search" defaultValue={filter.q ?? ""} placeholder="name or domain" />
            </label>
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </form>
          {rows.length === 0 ? (
            <EmptyState title={filter.q ? "No agent matches" : "No agents yet"} stage="synthesize agents" />
          ) : (
            <>
              <AgentsTable rows={rows} passRates={passRates} />
              <Pager page={filter.page} pageSize={PAGE_SIZE} total={total} params={{ q: filter.q, runId: filter.runId }} path="/agents" />
            </>
          )}
        </div>
      </div>
    </>
  );
}
