// The choices a simulation run offers, shared by the stage, the CLI and the
// forms. Pure: safe to import from client components.
import type { Environment } from "../db/generated/enums";

export const protocols = ["native", "react"] as const;
export type Protocol = (typeof protocols)[number];

export const environments = ["simulated", "mcp", "code", "math"] as const satisfies readonly Environment[];
export type EnvironmentChoice = (typeof environments)[number];

export const PROTOCOL_LABELS: Record<Protocol, string> = {
  native: "Native tool calling",
  react: "ReAct text protocol",
};

export const ENVIRONMENT_LABELS: Record<EnvironmentChoice, string> = {
  simulated: "Simulated tools",
  mcp: "Real MCP servers where the tool has one",
  code: "Code sandbox (hidden tests)",
  math: "Math (answer check, calculator)",
};

export const endReasons = ["agent_finished", "user_satisfied", "user_gave_up", "max_turns", "max_tokens", "time_limit"] as const;
export type EndReason = (typeof endReasons)[number];
