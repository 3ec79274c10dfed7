import type { Db } from "../db/client";
import { publicRoleConfigs } from "../llm/config";
import { createGateway } from "../llm/gateway";
import type { SynthesisGateway } from "./gateway";

/** The studio's gateway as the synthesis stages use it (offline provider when no key is configured). */
export function synthesisGateway(db: Db): SynthesisGateway {
  return createGateway({ db });
}

/** The generator role's model and provider, for cost estimates. */
export async function generatorModel(db: Db): Promise<{ model: string; provider: string }> {
  const { model, provider } = (await publicRoleConfigs(db)).generator;
  return { model, provider };
}
