import { isDeepStrictEqual } from "node:util";
import { stepAccounting, type SimMessage, type SimulationGateway } from "../gateway";
import { drawInjection, INJECTION_INSTRUCTIONS, injectedError, reshapeInjected } from "./failures";
import { resultShape, resultText } from "./output-schema";
import type { SimTool, ToolBackend, ToolCallContext, ToolHistoryEntry } from "./types";
import { worldStep } from "./world-step";

// The tool simulator: the `tool` role plays the backend of a synthetic or
// non-executable tool, seeing everything this episode's tools returned so far
// so its answers stay consistent (state carried across calls).

export const TOOL_SIMULATOR_PROMPT_VERSION = "tool-sim-1";
const HISTORY_CALLS = 40;
const HISTORY_RESULT_CHARS = 2_000;

export type ToolSimulatorOptions = {
  gateway: SimulationGateway;
  /** share of calls that get an injected failure, partial result or edge case */
  failureRate: number;
  cache?: boolean;
};

const isReadOnly = (tool: SimTool | undefined) => tool?.annotations?.readOnlyHint === true;

/**
 * A read-only call repeated with the same arguments, with nothing but
 * read-only calls since, returns what it returned before: the world has not
 * changed, so neither does the answer.
 */
function replay(tool: SimTool, args: unknown, ctx: ToolCallContext): string | null {
  if (!isReadOnly(tool)) return null;
  for (let i = ctx.history.length - 1; i >= 0; i--) {
    const h = ctx.history[i];
    if (h.name === tool.name && !h.isError && isDeepStrictEqual(h.arguments, args)) return h.result;
    if (!isReadOnly(ctx.tools.get(h.name))) return null;
  }
  return null;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

function renderHistory(history: ToolHistoryEntry[]): string {
  if (history.length === 0) return "None: this is the episode's first tool call.";
  const skipped = history.length - HISTORY_CALLS;
  const lines = history.slice(-HISTORY_CALLS).map((h, i) => {
    const n = Math.max(skipped, 0) + i + 1;
    return `${n}. ${h.name}(${JSON.stringify(h.arguments)}) → ${h.isError ? "ERROR " : ""}${clip(h.result, HISTORY_RESULT_CHARS)}`;
  });
  return [...(skipped > 0 ? [`(${skipped} earlier calls not shown)`] : []), ...lines].join("\n");
}

export function toolSimulatorMessages(tool: SimTool, args: unknown, history: ToolHistoryEntry[], instruction?: string): SimMessage[] {
  const system = [
    `You are the tool simulator of a training environment for tool-using AI agents. You play the tool \`${tool.name}\` and answer exactly as its real backend would, returning only the tool's output.`,
    "Stay consistent with everything the tools returned earlier in this episode: reuse the ids, names, amounts and state they established, keep the effects of earlier calls (what was created, changed or deleted stays so), and never contradict an earlier result. Invent realistic details only where nothing was established.",
    "When the arguments would make the real call fail (an unknown id, an impossible request), say so in the output's fields where the schema allows.",
  ].join("\n");
  const user = [
    `Tool: ${tool.name}`,
    `Description: ${tool.description || "(none)"}`,
    `Input schema: ${JSON.stringify(tool.parameters)}`,
    `Output schema: ${tool.outputSchema ? JSON.stringify(tool.outputSchema) : "(none: answer with the output as text)"}`,
    "",
    "Earlier tool calls in this episode, oldest first:",
    renderHistory(history),
    "",
    `This call: ${tool.name}(${JSON.stringify(args)})`,
    ...(instruction ? ["", instruction] : []),
  ].join("\n");
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}

export function createToolSimulator(opts: ToolSimulatorOptions): ToolBackend {
  return {
    async call(tool, args, ctx) {
      const injected = drawInjection(ctx.seed, ctx.callIndex, opts.failureRate);
      if (injected === "error") return { content: injectedError(tool, ctx.seed, ctx.callIndex), isError: true, injectedFailure: "error" };
      if (!injected) {
        const earlier = replay(tool, args, ctx);
        if (earlier !== null) return { content: earlier, isError: false, injectedFailure: null };
      }
      if (ctx.world) {
        const instruction = injected ? INJECTION_INSTRUCTIONS[injected] : undefined;
        return worldStep(
          opts.gateway,
          tool,
          args,
          { ...ctx, world: ctx.world },
          { history: renderHistory(ctx.history), injected, instruction, cache: opts.cache },
        );
      }
      const shape = resultShape(tool.outputSchema);
      const messages = toolSimulatorMessages(tool, args, ctx.history, injected ? INJECTION_INSTRUCTIONS[injected] : undefined);
      const r = await opts.gateway.structured(
        "tool",
        { messages, schema: shape.schema, name: `${tool.name}_result` },
        { runId: ctx.runId, trajectoryId: ctx.trajectoryId, seed: ctx.seed, signal: ctx.signal, cache: opts.cache },
      );
      let value = shape.unwrap(r.value);
      if (injected) value = reshapeInjected(injected, value, shape.jsonSchema);
      return { content: resultText(value), isError: false, injectedFailure: injected, ...stepAccounting(r) };
    },
  };
}
