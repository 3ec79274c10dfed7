import "server-only";
import { z } from "zod";
import type { Db } from "../db/client";
import { UNKNOWN_CAPABILITIES, capabilitiesSchema, type Capabilities } from "./capabilities";
import { errorMessage } from "./errors";
import { createGateway, type GatewayOptions } from "./gateway";
import { publicEndpoint } from "./pipeline";
import type { LlmRole } from "./types";

// "Test connection": a few small requests that find out, through the gateway
// (its limits, retries and call log), what a role's endpoint and model accept,
// and store it where every later call starts from.

export type ProbeResult =
  | { ok: true; offline: true }
  | ({ ok: true; offline: false; endpoint: string; model: string; latencyMs: number } & Capabilities)
  | { ok: false; message: string };

const probeSchema = z.object({ ready: z.boolean(), word: z.string() });
const PING_TOOL = { name: "ping", description: "Answers pong.", parameters: { type: "object", properties: { word: { type: "string" } }, required: ["word"] } };

export async function probeRole(db: Db, role: LlmRole, options: Omit<GatewayOptions, "db"> = {}): Promise<ProbeResult> {
  const gateway = createGateway({ db, ...options, retry: { maxRetries: 1, ...options.retry } });
  const info = await gateway.info(role);
  if (info.provider === "offline") return { ok: true, offline: true };
  const endpoint = publicEndpoint(info.baseUrl);
  const where = { baseUrl_model: { baseUrl: endpoint, model: info.model } };
  const started = performance.now();
  try {
    if (role === "embedding") await gateway.embed(["ping"], { cache: false });
    else {
      // Forget what was learned so the structured ladder starts from its top.
      await db.endpointCapability.deleteMany({ where: { baseUrl: endpoint, model: info.model } });
      await gateway.structured(
        role,
        { messages: [{ role: "user", content: 'Reply with ready set to true and word set to "pong".' }], schema: probeSchema, name: "probe", maxRepairs: 1 },
        { cache: false },
      );
      await gateway.chat(
        role,
        { messages: [{ role: "user", content: 'Call ping with the word "pong".' }], tools: [PING_TOOL], toolChoice: "required", maxTokens: 64 },
        { cache: false },
      );
    }
    const latencyMs = Math.round(performance.now() - started);
    const row = await db.endpointCapability.upsert({
      where,
      create: { baseUrl: endpoint, model: info.model, ...UNKNOWN_CAPABILITIES, probedAt: new Date() },
      update: { probedAt: new Date(), ...(info.supportsJsonSchema || role === "embedding" ? {} : { structuredOutput: "prompt" }) },
    });
    return { ok: true, offline: false, endpoint, model: info.model, latencyMs, ...capabilitiesSchema.parse(row) };
  } catch (e) {
    return { ok: false, message: errorMessage(e) };
  } finally {
    await gateway.flush().catch(() => undefined);
  }
}
