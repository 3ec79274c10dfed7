import type { Db } from "../db/client";
import { OFFLINE_MODEL } from "../llm/config";
import type { BatchMode } from "../llm/batcher";
import { createGateway } from "../llm/gateway";
import { createSandbox } from "../sandbox";
import type { ExecutionSandbox } from "./execution";
import type { JudgeGateway } from "./gateway";

/** The judge role of the studio's gateway (offline provider unless a model is configured). */
export function judgeGateway(db: Db, batch?: BatchMode): JudgeGateway {
  return createGateway({ db, batch });
}

/** The sandbox of lib/sandbox: JavaScript, TypeScript and Python tests and math answer equivalence. */
export function judgeSandbox(): ExecutionSandbox {
  return createSandbox();
}

export function isOfflineJudgeModel(model: string): boolean {
  return model === OFFLINE_MODEL;
}
