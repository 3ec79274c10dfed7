import { Card } from "@/components/ui/card";
import { db } from "@/lib/db/client";
import { listCapabilities } from "@/lib/llm/capabilities";
import { publicRoleConfigs } from "@/lib/llm/config";
import { listEndpointLimits } from "@/lib/llm/endpoint-lease";
import { listPrices } from "@/lib/llm/prices";
import { LLM_ROLES } from "@/lib/llm/types";
import { llmUsage } from "@/lib/llm/usage";
import { EndpointCapabilities } from "./endpoint-capabilities";
import { EndpointLimits } from "./endpoint-limits";
import type { FormAction } from "@/components/ui/action-form";
import { LlmOfflineNotice } from "./llm-offline-notice";
import { LlmRolesTable } from "./llm-roles-table";
import { LlmUsageTables } from "./llm-usage-tables";
import { PriceTable } from "./price-table";
import { TestConnectionForm } from "./test-connection-form";

export type LlmFormActions = { saveRoleAction: FormAction; savePriceAction: FormAction; testConnectionAction: FormAction };

/** The Settings page's model section: each role's model, the price table, and what the calls cost. */
export async function LlmSection({ canEdit, actions }: { canEdit: boolean; actions: LlmFormActions }) {
  const [configs, prices, usage, capabilities, limits] = await Promise.all([
    publicRoleConfigs(db()),
    listPrices(db()),
    llmUsage(db()),
    listCapabilities(db()),
    listEndpointLimits(db()),
  ]);
  const roles = LLM_ROLES.map((role) => configs[role]);
  return (
    <>
      <Card title="Models">
        <LlmOfflineNotice roles={roles} />
        <LlmRolesTable roles={roles} save={canEdit ? actions.saveRoleAction : undefined} />
      </Card>
      <Card title="What each endpoint accepts">
        <div className="space-y-3">
          {canEdit && <TestConnectionForm test={actions.testConnectionAction} />}
          <EndpointCapabilities rows={capabilities} />
        </div>
      </Card>
      <Card title="Limits per endpoint">
        <EndpointLimits rows={limits} />
      </Card>
      <Card title="Prices">
        <PriceTable
          prices={prices.map(({ model, inputPerMillionUsd, outputPerMillionUsd }) => ({ model, inputPerMillionUsd, outputPerMillionUsd }))}
          save={canEdit ? actions.savePriceAction : undefined}
        />
      </Card>
      <Card title="Usage">
        <LlmUsageTables usage={usage} />
      </Card>
    </>
  );
}
