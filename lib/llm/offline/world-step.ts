import { toolEffect, type ToolLike } from "../../world/effects";
import { CALL_MARKER, markedJson, WORLD_MARKER } from "../../world/protocol";
import { worldSchema } from "../../world/world";
import { canonicalJson } from "../hash";
import type { ChatMessage } from "../types";
import { fillFromJsonSchema } from "./fill";
import { createRng, type Rng } from "./rng";
import type { FillHints } from "./words";

// The offline model playing the tool simulator of an episode with a world:
// it reads the world and the call from the request, makes the change the
// tool's verb implies (lib/world/effects.ts), and fills the result from the
// entity it touched. Like a real simulator it sometimes errs: a seeded few
// changing calls get a patch at a path that does not exist, on every
// attempt, so the demo shows a tool-simulator fault.

export const OFFLINE_SIMULATOR_FAULT_RATE = 0.04;

type Schema = { properties?: Record<string, unknown> };
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function worldStepReply(messages: ChatMessage[], schema: unknown, rng: Rng, hints: FillHints): string | null {
  const text = messages
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .join("\n");
  const world = worldSchema.safeParse(markedJson(text, WORLD_MARKER));
  const call = markedJson(text, CALL_MARKER);
  if (!world.success || !isRecord(call) || !isRecord(call.tool) || typeof call.tool.name !== "string") return null;
  const tool = call.tool as ToolLike;
  const effected = toolEffect(tool, call.arguments, world.data);
  const resultSchema = (schema as Schema).properties?.result ?? {};
  let result = fillFromJsonSchema(resultSchema, rng, hints);
  const shown = effected.error ? { error: effected.error } : (effected.entity ?? (effected.listed.length ? { items: effected.listed } : null));
  if (isRecord(result) && shown) {
    const props = (resultSchema as Schema).properties ?? {};
    if (Object.keys(props).length === 1 && "content" in props) result = { content: JSON.stringify(shown) };
    else for (const [k, v] of Object.entries(shown)) if (k in result && typeof result[k] === typeof v) result[k] = v;
  }
  let patch = effected.patch;
  const fault = createRng(canonicalJson({ fault: call, world: world.data })).chance(OFFLINE_SIMULATOR_FAULT_RATE);
  if (fault && effected.effect !== "read" && !effected.error)
    patch = [{ op: "replace", path: `/${effected.collection}/MISSING-0000/status`, value: "updated" }];
  return JSON.stringify({ result, patch });
}
