import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { APIError } from "openai";
import { isDatabaseError, isTransientDbError } from "../db/errors";
import { LlmRequestError, MalformedResponseError, StructuredOutputError } from "../llm/errors";
import { TruncatedReplyError } from "../llm/truncated-reply";

/**
 * Where a failure came from, told by its class, never its message:
 * - database: PostgreSQL or its client;
 * - endpoint: the LLM endpoint's transport or HTTP answer;
 * - model: the model answered, with output the studio could not use;
 * - tool: an MCP server (the protocol's errors);
 * - work: anything else (the item itself is wrong).
 */
export type ErrorOrigin = "database" | "endpoint" | "model" | "tool" | "work";

export function errorOrigin(e: unknown): ErrorOrigin {
  if (isDatabaseError(e) || isTransientDbError(e)) return "database";
  if (e instanceof StructuredOutputError || e instanceof TruncatedReplyError) return "model";
  if (e instanceof LlmRequestError || e instanceof APIError || e instanceof MalformedResponseError) return "endpoint";
  if (e instanceof McpError) return "tool";
  return "work";
}

/** The failure says the infrastructure was unavailable (database lost, endpoint unreachable), not that the work was wrong. */
export function isInfrastructureFailure(e: unknown): boolean {
  return isTransientDbError(e) || (e instanceof LlmRequestError && e.unreachable);
}
