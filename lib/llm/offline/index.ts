import type { Provider } from "../provider";
import { estimateTokens } from "../provider";
import { offlineChat } from "./chat";
import { offlineEmbedding } from "./embed";

export { fillFromJsonSchema } from "./fill";
export { createRng, Rng } from "./rng";
export { hintsFromText, type FillHints } from "./words";
export { offlineEmbedding, cosine, OFFLINE_EMBEDDING_DIMENSIONS } from "./embed";
export { offlineChat } from "./chat";
export { pickTools, rankTools } from "./relevance";

/** A provider like any other, answering from the request alone. */
export function createOfflineProvider(model: string): Provider {
  return {
    name: "offline",
    async chat(request) {
      return offlineChat(request, model);
    },
    async embed(texts) {
      const promptTokens = texts.reduce((n, t) => n + estimateTokens(t), 0);
      return { vectors: texts.map((t) => offlineEmbedding(t)), usage: { promptTokens, completionTokens: 0 }, model };
    },
  };
}
