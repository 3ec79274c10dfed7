// The LLM gateway: the only way the studio talks to models. Server-side; the
// browser-safe types are in ./types and public settings come from publicRoleConfig.
export { createGateway, type Gateway, type GatewayOptions } from "./gateway";
export * from "./types";
export {
  envRoleConfig,
  parseRoleOverrides,
  publicRoleConfig,
  publicRoleConfigs,
  readRoleOverrides,
  resolveRole,
  resolveRoles,
  roleConfigSchema,
  roleOverrideSchema,
  roleOverridesSchema,
  saveRoleOverrides,
  type PublicRoleConfig,
  type ResolvedRole,
  type RoleConfig,
  type RoleOption,
  type RoleOverride,
  type RoleOverrides,
} from "./config";
export { LlmRequestError, StructuredOutputError } from "./errors";
export { costUsd } from "./accounting";
export { cosine, createRng, fillFromJsonSchema, hintsFromText, offlineEmbedding, OFFLINE_EMBEDDING_DIMENSIONS, type FillHints, type Rng } from "./offline";
export { offlineRoles } from "./status";
