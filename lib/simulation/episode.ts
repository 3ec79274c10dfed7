import { z } from "zod";
import { stepSchema, toolSpecSchema, type Step, type StepInput, type ToolSpec } from "../trajectory/types";
import { nativeAgentStep } from "./agent-native";
import { reactAgentStep, UNPARSEABLE_STEP } from "./agent-react";
import type { SimulationGateway } from "./gateway";
import { FINISH_TOOL } from "./react";
import { environmentTools } from "./tools/environment";
import { createToolRouter, type ToolRouter } from "./tools/router";
import { toolHistory, type Executor, type SimTool, type ToolBackend, type ToolResult } from "./tools/types";
import { nextUserTurn } from "./user-simulator";
import { episodeSettingsSchema, type EpisodeSettings } from "./config";
import type { EndReason, Protocol } from "./options";
import { verificationTags, verifyEpisode } from "./verification";
import { applyWorldPatch, worldAfter, type World } from "../world/world";

// One episode: a task played by its agent (native tool calling or ReAct), a
// user simulator in interactive mode, and tools executed by the simulator, a
// real MCP server or a sandbox, until the agent finishes, the user ends the
// conversation or a limit is hit. The loop decides each move from the steps
// so far, so a resumed or forked episode continues from any prefix.

export { protocols, endReasons, type Protocol, type EndReason } from "./options";

export type EpisodeTask = {
  taskId?: string;
  agentId?: string;
  systemPrompt: string;
  instruction: string;
  goal: string;
  persona: unknown;
  mode: "interactive" | "autonomous";
  environment: string;
  verifier: unknown;
  tools: SimTool[];
  /** the simulated world every episode of the task starts from */
  world?: World | null;
};

export type EpisodeDeps = {
  gateway: SimulationGateway;
  backends: Partial<Record<Executor, ToolBackend>>;
  /** called with each move's new steps, before the next move: the episode is stored as it happens */
  onSteps?: (steps: Step[], all: Step[]) => Promise<void>;
  signal?: AbortSignal;
  runId?: string;
  trajectoryId?: string;
};

export type EpisodeOutcome = { messages: Step[]; tools: ToolSpec[]; endReason: EndReason; tags: string[] };

/** The tools an episode's agent has: the task's, plus its environment's (run_tests, calculator). */
export function episodeTools(task: EpisodeTask): SimTool[] {
  const own = new Set(task.tools.map((t) => t.name));
  return [...task.tools, ...environmentTools(task.environment).filter((t) => !own.has(t.name))];
}

export function openingSteps(task: EpisodeTask): Step[] {
  return [stepSchema.parse({ role: "system", content: task.systemPrompt }), stepSchema.parse({ role: "user", content: task.instruction })];
}

type Move = { kind: "agent" } | { kind: "tools"; step: Step } | { kind: "user" } | { kind: "end" };

/** What happens next, read from the steps so far. */
export function nextMove(messages: Step[], protocol: Protocol, interactive: boolean): Move {
  let lastAssistant = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === "assistant") {
      lastAssistant = i;
      break;
    }
  }
  const last = messages.at(-1);
  if (!last || lastAssistant < 0 || last.role === "user" || last.role === "system") return { kind: "agent" };
  const step = messages[lastAssistant];
  const calls = (step.toolCalls ?? []).filter((c) => !(protocol === "react" && c.name === FINISH_TOOL));
  const answered = new Set(messages.slice(lastAssistant + 1).map((m) => m.toolCallId));
  if (calls.some((c) => !answered.has(c.id))) return { kind: "tools", step };
  if (calls.length > 0) return { kind: "agent" };
  if (step.violations.some((v) => v.code === UNPARSEABLE_STEP)) return { kind: "agent" };
  // a final reply (native text, ReAct finish): the user answers, or the episode is over
  return interactive ? { kind: "user" } : { kind: "end" };
}

function limitHit(messages: Step[], settings: EpisodeSettings, startedAt: number): EndReason | null {
  const turns = messages.filter((m) => m.role === "assistant").length;
  if (turns >= settings.maxTurns) return "max_turns";
  const tokens = messages.reduce((n, m) => n + m.promptTokens + m.completionTokens, 0);
  if (tokens >= settings.maxTokens) return "max_tokens";
  if (performance.now() - startedAt >= settings.maxWallMs) return "time_limit";
  return null;
}

/** What one running episode holds; the moves below read and extend it. */
type Episode = {
  task: EpisodeTask;
  settings: EpisodeSettings;
  deps: EpisodeDeps;
  tools: SimTool[];
  router: ToolRouter;
  interactive: boolean;
  messages: Step[];
  ctx: { runId?: string; trajectoryId?: string; seed: number; signal?: AbortSignal; cache?: boolean };
  add(steps: Step[]): Promise<void>;
};

async function runTools(ep: Episode, step: Step, messages: Step[]): Promise<Step[]> {
  const { router, settings, deps } = ep;
  const answered = new Set(messages.map((m) => m.toolCallId));
  const pending = (step.toolCalls ?? []).filter((c) => !answered.has(c.id) && !(settings.protocol === "react" && c.name === FINISH_TOOL));
  const history = toolHistory(messages);
  const context = (i: number) => ({
    seed: settings.seed,
    callIndex: history.length + i,
    history,
    runId: deps.runId,
    trajectoryId: deps.trajectoryId,
    signal: deps.signal,
  });
  let results: ToolResult[];
  if (ep.task.world) {
    // calls change the world in turn, each seeing the changes of those before it
    let world = worldAfter(
      ep.task.world,
      messages.map((m) => m.worldPatch),
    );
    results = [];
    for (const [i, call] of pending.entries()) {
      const r = await router.execute(router.check(call), { ...context(i), world });
      if (r.worldPatch?.length) {
        const applied = applyWorldPatch(world, r.worldPatch);
        if (!applied.ok) throw new Error(`a world patch the simulator accepted does not apply: ${applied.reason}`);
        world = applied.world;
      }
      results.push(r);
    }
  } else {
    results = await Promise.all(pending.map((call, i) => router.execute(router.check(call), context(i))));
  }
  return pending.map((call, i) => stepSchema.parse({ role: "tool", toolCallId: call.id, toolName: call.name, ...results[i] } satisfies StepInput));
}

/** The user simulator's turn; an end reason when it ends the conversation. */
async function userMove(ep: Episode): Promise<EndReason | null> {
  const turn = await nextUserTurn(ep.deps.gateway, ep.task, ep.messages, ep.ctx);
  const accounting = {
    promptTokens: turn.usage.promptTokens,
    completionTokens: turn.usage.completionTokens,
    latencyMs: Math.round(turn.latencyMs),
    costUsd: turn.costUsd,
  };
  await ep.add([stepSchema.parse({ role: "user", content: turn.value.message, ...accounting })]);
  return turn.value.status === "satisfied" ? "user_satisfied" : turn.value.status === "gave_up" ? "user_gave_up" : null;
}

/** The agent's turn: one model call, its checked tool calls, and their results, stored together. */
async function agentMove(ep: Episode): Promise<void> {
  const { messages, tools, settings, deps, interactive, ctx } = ep;
  const stepIndex = messages.length;
  const raw =
    settings.protocol === "react"
      ? await reactAgentStep(deps.gateway, messages, tools, { stepIndex, interactive, temperature: settings.temperature, ctx })
      : await nativeAgentStep(deps.gateway, messages, tools, { stepIndex, temperature: settings.temperature, ctx });
  const step = stepSchema.parse(raw);
  // the agent's mistakes are recorded on the step that made them
  const callViolations = (step.toolCalls ?? [])
    .filter((c) => !(settings.protocol === "react" && c.name === FINISH_TOOL))
    .flatMap((c) => ep.router.check(c).violation ?? []);
  step.violations = [...step.violations, ...callViolations];
  const toolSteps = step.toolCalls?.length ? await runTools(ep, step, [...messages, step]) : [];
  await ep.add([step, ...toolSteps]);
}

export async function runEpisode(
  task: EpisodeTask,
  settingsInput: z.input<typeof episodeSettingsSchema>,
  deps: EpisodeDeps,
  initial?: Step[],
): Promise<EpisodeOutcome> {
  const settings = episodeSettingsSchema.parse(settingsInput);
  const tools = episodeTools(task);
  const messages: Step[] = [...(initial ?? openingSteps(task))];
  const ep: Episode = {
    task,
    settings,
    deps,
    tools,
    router: createToolRouter(tools, deps.backends),
    interactive: task.mode === "interactive",
    messages,
    ctx: { runId: deps.runId, trajectoryId: deps.trajectoryId, seed: settings.seed, signal: deps.signal, cache: settings.cache },
    async add(steps) {
      messages.push(...steps);
      await deps.onSteps?.(steps, messages);
    },
  };
  const startedAt = performance.now();
  let endReason: EndReason | null = null;
  try {
    while (!endReason) {
      deps.signal?.throwIfAborted();
      const move = nextMove(messages, settings.protocol, ep.interactive);
      if (move.kind === "end") endReason = "agent_finished";
      else if (move.kind === "tools") await ep.add(await runTools(ep, move.step, messages));
      else {
        endReason = limitHit(messages, settings, startedAt);
        if (!endReason && move.kind === "user") endReason = await userMove(ep);
        else if (!endReason) await agentMove(ep);
      }
    }
    const verification = await verifyEpisode(task.environment, task.verifier, messages, deps.signal);
    return { messages, tools: tools.map((t) => toolSpecSchema.parse(t)), endReason, tags: verificationTags(verification) };
  } finally {
    await ep.router.close();
  }
}
