import { AddUserForm } from "@/components/settings/add-user-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { sandboxStatus } from "@/lib/sandbox/confinement";
import { mcpConfinementStatus } from "@/lib/catalog/mcp/bubblewrap";
import { readDailyBudget, spentToday } from "@/lib/jobs/budget";
import { DailyBudgetForm } from "@/components/settings/daily-budget-form";
import { addUserAction } from "./actions";
import { resetPasswordAction, revokeSessionAction, setUserActiveAction, setUserRoleAction } from "./user-actions";
import { UsersTable } from "@/components/settings/users-table";
import { listManagedUsers } from "@/lib/auth/user-admin";
import { saveDailyBudgetAction } from "./budget-actions";
import { LlmSection } from "@/components/settings/llm-section";
import * as llmActions from "./llm-actions";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const [users, dailyUsd, spent] = await Promise.all([listManagedUsers(db()), readDailyBudget(db()), spentToday(db())]);
  return (
    <>
      <PageHeader title="Settings" description="People, their roles and sessions, and the models each pipeline role talks to." />
      <div className="space-y-6">
        <Card title="People">
          <UsersTable
            users={isAdmin ? users : users.map((u) => ({ ...u, sessions: [] }))}
            currentUserId={user.id}
            canManage={isAdmin}
            actions={{ setRole: setUserRoleAction, setActive: setUserActiveAction, resetPassword: resetPasswordAction, revokeSession: revokeSessionAction }}
          />
          {hasRole(user.role, "admin") && <AddUserForm action={addUserAction} />}
        </Card>
        <LlmSection canEdit={hasRole(user.role, "admin")} actions={llmActions} />
        <Card title="Budget">
          <DailyBudgetForm dailyUsd={dailyUsd} spentToday={spent} canEdit={hasRole(user.role, "admin")} action={saveDailyBudgetAction} />
        </Card>
        <SandboxCard />
        <McpServersCard />
      </div>
    </>
  );
}

/** How code tasks are confined on this machine, or why they are refused. */
function SandboxCard() {
  const status = sandboxStatus();
  const tone = status.confinement === "bubblewrap" ? "green" : status.confinement === "node-permissions" ? "amber" : "red";
  return (
    <Card title="Code sandbox">
      <div className="flex items-start gap-3 text-sm" data-testid="sandbox-status">
        <Badge tone={tone}>{status.confinement === "refused" ? "code tasks refused" : status.confinement}</Badge>
        <span className="text-slate-600">
          {status.detail}
          {status.languages.length > 0 && <> · runs {status.languages.join(", ")}</>}
        </span>
      </div>
    </Card>
  );
}

/** How stdio MCP servers are confined on this machine. */
function McpServersCard() {
  const status = mcpConfinementStatus();
  return (
    <Card title="MCP servers">
      <div className="flex items-start gap-3 text-sm" data-testid="mcp-confinement">
        <Badge tone={status.confinement === "bubblewrap" ? "green" : "amber"}>{status.confinement}</Badge>
        <span className="text-slate-600">{status.detail}</span>
      </div>
    </Card>
  );
}
