import type { Step, ToolSpec, Violation } from "../../trajectory/types";
import type { World, WorldPatch } from "../../world/world";

/** How a tool is executed in an episode. */
export type Executor = "simulated" | "mcp" | "environment";

/** A tool as an episode uses it: its spec plus what executing it needs. */
export type SimTool = ToolSpec & {
  executor: Executor;
  /** MCP annotations (readOnlyHint …) where known */
  annotations?: Record<string, unknown> | null;
  /** realistic failures the tool can have, used when a failure is injected */
  errorCases?: { code: string; description: string }[] | null;
  /** for executor "mcp": the source whose server runs the tool */
  sourceId?: string;
};

/** One earlier call in this episode, as the tool simulator sees it. */
export type ToolHistoryEntry = { name: string; arguments: unknown; result: string; isError: boolean };

export type ToolResult = {
  content: string;
  isError: boolean;
  injectedFailure: string | null;
  /** the change the call made to the episode's world (simulated tools of an episode with a world) */
  worldPatch?: WorldPatch | null;
  /** what went wrong on the studio's side of the call: a world patch refused */
  violations?: Violation[];
} & Partial<Pick<Step, "promptTokens" | "completionTokens" | "latencyMs" | "costUsd">>;

export type ToolCallContext = {
  /** the episode's seed, for injected failures */
  seed: number;
  /** ordinal of this call among the episode's tool calls: same doc prefix, same draw */
  callIndex: number;
  history: ToolHistoryEntry[];
  /** the episode's world before this call, when it has one */
  world?: World | null;
  /** the episode's tools by name */
  tools: ReadonlyMap<string, SimTool>;
  runId?: string;
  trajectoryId?: string;
  signal?: AbortSignal;
};

export type ToolBackend = {
  call(tool: SimTool, args: unknown, ctx: ToolCallContext): Promise<ToolResult>;
  close?(): Promise<void>;
};

/** Every tool call this episode made, paired with its result, in order. */
export function toolHistory(messages: Step[]): ToolHistoryEntry[] {
  const calls = new Map<string, { name: string; arguments: unknown }>();
  const out: ToolHistoryEntry[] = [];
  for (const m of messages) {
    if (m.role === "assistant") for (const c of m.toolCalls ?? []) calls.set(c.id, { name: c.name, arguments: c.arguments });
    if (m.role === "tool" && m.toolCallId) {
      const call = calls.get(m.toolCallId);
      out.push({ name: m.toolName ?? call?.name ?? "", arguments: call?.arguments ?? null, result: m.content ?? "", isError: m.isError });
    }
  }
  return out;
}
