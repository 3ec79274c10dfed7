import type { Db } from "../../db/client";
import type { RoleOption } from "../config";
import { createGateway, type GatewayOptions } from "../gateway";
import { LLM_ROLES, type LlmRole } from "../types";
import type { OpenAiTestServer } from "./openai-server";

/** A key that must only ever reach the endpoint (tests look for it everywhere else). */
export const TEST_API_KEY = "sk-test-SECRET-7f3a9c1e5b";

/** A gateway whose every role uses the test server through the real `openai` client, with quick retries. */
export function testGateway(db: Db, server: OpenAiTestServer, role: RoleOption = {}, options: Partial<GatewayOptions> = {}) {
  const roles = Object.fromEntries(
    LLM_ROLES.map((r) => [
      r,
      { provider: "openai", baseUrl: server.url, apiKey: TEST_API_KEY, model: r === "embedding" ? "test-embedder" : "test-model", concurrency: 32, ...role },
    ]),
  ) as Record<LlmRole, RoleOption>;
  return createGateway({ db, roles, retry: { baseDelayMs: 5, maxDelayMs: 40, maxRetries: 3 }, ...options });
}
