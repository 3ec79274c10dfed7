import type { Db } from "../db/client";
import { createGateway, type Gateway } from "../llm/gateway";

/** The part of the LLM gateway the catalogue uses; tests may hand in a fake of this much. */
export type CatalogGateway = Pick<Gateway, "structured" | "embed" | "info">;

export function catalogGateway(db: Db): CatalogGateway {
  return createGateway({ db });
}

/** Whether a role is answered by the offline provider (the UI says so, naming falls back to terms). */
export async function isOffline(gateway: CatalogGateway, role: "generator" | "judge" | "embedding"): Promise<boolean> {
  return (await gateway.info(role)).provider === "offline";
}
