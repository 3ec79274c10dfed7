import type { Db } from "../db/client";
import { createGateway, type GatewayOptions } from "../llm/gateway";
import type { SimulationGateway } from "./gateway";

/**
 * The studio's gateway as simulation uses it (the offline provider for every
 * role without a key). `agentModel` points the agent role at another model,
 * as a fork may ask; `roles` overrides any role (tests, benchmarks).
 */
export function simulationGateway(db: Db, opts: { agentModel?: string; roles?: GatewayOptions["roles"] } = {}): SimulationGateway {
  const roles = { ...opts.roles, ...(opts.agentModel ? { agent: { ...opts.roles?.agent, model: opts.agentModel } } : {}) };
  return createGateway({ db, roles });
}
