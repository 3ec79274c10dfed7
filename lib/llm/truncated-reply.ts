import type { LlmRole } from "./types";

/** The model kept running out of tokens inside a tool call, even with a raised limit. */
export class TruncatedReplyError extends Error {
  constructor(
    readonly role: LlmRole,
    readonly maxTokens: number,
    readonly attempts: number,
  ) {
    super(
      `${role}: the reply stopped at its token limit inside a tool call ${attempts} time${attempts === 1 ? "" : "s"} (last limit: max_tokens ${maxTokens})`,
    );
    this.name = "TruncatedReplyError";
  }
}
