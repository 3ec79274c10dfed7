import { z } from "zod";
import { effectOf } from "../../world/effects";
import { CALL_MARKER, WORLD_MARKER, WORLD_STEP_FORMAT } from "../../world/protocol";
import { applyWorldPatch, worldPatchSchema, type World } from "../../world/world";
import { stepAccounting, type SimMessage, type SimulationGateway } from "../gateway";
import { reshapeInjected, type InjectedKind } from "./failures";
import { resultShape, resultText } from "./output-schema";
import type { SimTool, ToolCallContext, ToolResult } from "./types";

// A simulated call in an episode with a world: the simulator sees the world
// and returns the tool's result with the change the call makes, as an RFC
// 6902 patch. A patch that does not apply (or changes the world from a
// read-only tool) is refused and asked for again with the reason; after the
// last attempt the step fails with that reason, blamed on the simulator.

export const WORLD_PATCH_REFUSED = "world_patch_refused";
const ATTEMPTS = 3;

export function worldStepMessages(tool: SimTool, args: unknown, world: World, history: string, refused: string[], instruction?: string): SimMessage[] {
  const readOnly = effectOf(tool) === "read";
  const system = [
    `You are the tool simulator of a training environment for tool-using AI agents. You play the tool \`${tool.name}\` against the world given below: a JSON document of the entities the tools act on.`,
    "Answer with two things: `result`, the tool's output exactly as its real backend would return it, consistent with the world; and `patch`, the change this call makes to the world as an RFC 6902 JSON Patch against the world as given (paths like /orders/ORD-1001/status).",
    readOnly ? "This tool only reads: its patch is []." : "A call that fails (an unknown id, an impossible request) changes nothing: its patch is [].",
  ].join("\n");
  const user = [
    `Tool: ${tool.name}`,
    `Description: ${tool.description || "(none)"}`,
    `Input schema: ${JSON.stringify(tool.parameters)}`,
    `Output schema: ${tool.outputSchema ? JSON.stringify(tool.outputSchema) : "(none: answer with the output as text)"}`,
    "",
    "Earlier tool calls in this episode, oldest first:",
    history,
    "",
    `${WORLD_MARKER}${JSON.stringify(world)}`,
    `${CALL_MARKER}${JSON.stringify({ tool: { name: tool.name, parameters: tool.parameters, annotations: tool.annotations ?? null }, arguments: args })}`,
    ...refused.map((r, i) => `Your patch on attempt ${i + 1} was refused: ${r}. Return a patch that applies to the world as given.`),
    ...(instruction ? ["", instruction] : []),
  ].join("\n");
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}

export async function worldStep(
  gateway: SimulationGateway,
  tool: SimTool,
  args: unknown,
  ctx: ToolCallContext & { world: World },
  opts: { history: string; injected: Exclude<InjectedKind, "error"> | null; instruction?: string; cache?: boolean },
): Promise<ToolResult> {
  const shape = resultShape(tool.outputSchema);
  const schema = z.object({ result: shape.schema, patch: worldPatchSchema });
  const refused: string[] = [];
  const spent = { promptTokens: 0, completionTokens: 0, latencyMs: 0, costUsd: 0 };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const r = await gateway.structured(
      "tool",
      { messages: worldStepMessages(tool, args, ctx.world, opts.history, refused, opts.instruction), schema, name: WORLD_STEP_FORMAT },
      { runId: ctx.runId, trajectoryId: ctx.trajectoryId, seed: ctx.seed, signal: ctx.signal, cache: opts.cache },
    );
    const a = stepAccounting(r);
    for (const k of Object.keys(spent) as (keyof typeof spent)[]) spent[k] += a[k];
    const patch = r.value.patch;
    const applied =
      effectOf(tool) === "read" && patch.length ? { ok: false as const, reason: "a read-only tool changed the world" } : applyWorldPatch(ctx.world, patch);
    if (applied.ok) {
      let value = shape.unwrap(r.value.result);
      if (opts.injected) value = reshapeInjected(opts.injected, value, shape.jsonSchema);
      return { content: resultText(value), isError: false, injectedFailure: opts.injected, worldPatch: patch.length ? patch : null, ...spent };
    }
    refused.push(applied.reason);
  }
  const message = `the tool simulator's change to the world was refused ${ATTEMPTS} times: ${refused.at(-1)}`;
  return {
    content: JSON.stringify({ error: { code: "SIMULATION_FAILED", message: "The tool could not be simulated." } }),
    isError: true,
    injectedFailure: null,
    worldPatch: null,
    violations: [{ code: WORLD_PATCH_REFUSED, message }],
    ...spent,
  };
}
