import type { Db } from "../db/client";
import { publicRoleConfigs } from "../llm/config";
import type { BatchMode } from "../llm/batcher";
import { createGateway } from "../llm/gateway";
import type { SynthesisGateway } from "./gateway";

/** The studio's gateway as the synthesis stages use it (offline provider when no key is configured); `batch`: through the Batch API. */
export function synthesisGateway(db: Db, batch?: BatchMode): SynthesisGateway {
  return createGateway({ db, batch });
}

/** A run's batch mode, when its config asks for it. */
export function batchModeOf(config: { batch?: boolean }, runId: string): BatchMode | undefined {
  return config.batch ? { runId } : undefined;
}

/** The generator role's model and provider, for cost estimates. */
export async function generatorModel(db: Db): Promise<{ model: string; provider: string }> {
  const { model, provider } = (await publicRoleConfigs(db)).generator;
  return { model, provider };
}
