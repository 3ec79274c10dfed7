import "server-only";
import type { Db } from "../db/client";
import { BATCH_PRICE_FACTOR, costUsd } from "../llm/accounting";
import type { AgentSynthesisConfig, TaskSynthesisConfig, ToolSynthesisConfig } from "./config";
import { categoriesToGrow, categoryTargets } from "./stages/tools";

// What a run will cost before it starts: the generator calls it makes and
// their tokens, from typical prompt and reply sizes; priced when the model's
// price is known. An estimate, shown as one.

export type Estimate = { items: number; calls: number; promptTokens: number; completionTokens: number; costUsd: number | null };
/** What an estimate action answers: the estimate and the generator model it assumed. */
export type EstimateReply = { estimate: Estimate; model: string };

const TOKENS = {
  domains: { prompt: 500, completion: 250 },
  toolsCall: { prompt: 900, completion: 0 },
  perTool: { prompt: 0, completion: 280 },
  agent: { prompt: 600, completion: 300 },
  task: { prompt: 1_000, completion: 550 },
};

export type PricedModel = { model: string; provider: string } | null;

/** In batch mode the endpoint's Batch API charges its discount. */
async function price(db: Db, generator: PricedModel, prompt: number, completion: number, batch: boolean): Promise<number | null> {
  if (!generator) return null;
  if (generator.provider === "offline") return 0;
  const row = await db.modelPrice.findUnique({ where: { model: generator.model } });
  return row ? costUsd(row, { promptTokens: prompt, completionTokens: completion }) * (batch ? BATCH_PRICE_FACTOR : 1) : null;
}

export async function estimateToolRun(db: Db, config: ToolSynthesisConfig, model: PricedModel = null): Promise<Estimate> {
  const categories = await categoriesToGrow(db, config.categoryIds);
  const tools = categoryTargets(categories.length, config.perCategory, config.total).reduce((s, n) => s + n, 0);
  // Assume one candidate in five is turned away, as offline runs see.
  const toolCalls = Math.ceil((tools * 1.25) / config.toolsPerCall);
  const calls = categories.length + toolCalls;
  const promptTokens = categories.length * TOKENS.domains.prompt + toolCalls * TOKENS.toolsCall.prompt;
  const completionTokens = categories.length * TOKENS.domains.completion + Math.ceil(tools * 1.25) * TOKENS.perTool.completion;
  return { items: tools, calls, promptTokens, completionTokens, costUsd: await price(db, model, promptTokens, completionTokens, config.batch) };
}

export async function estimateAgentRun(db: Db, config: AgentSynthesisConfig, model: PricedModel = null): Promise<Estimate> {
  const promptTokens = config.count * TOKENS.agent.prompt;
  const completionTokens = config.count * TOKENS.agent.completion;
  return {
    items: config.count,
    calls: config.count,
    promptTokens,
    completionTokens,
    costUsd: await price(db, model, promptTokens, completionTokens, config.batch),
  };
}

export async function estimateTaskRun(db: Db, config: TaskSynthesisConfig, model: PricedModel = null): Promise<Estimate> {
  const agents = config.agentIds.length || (await db.agent.count());
  const calls = agents * config.perAgent;
  const items = calls + agents * (config.codeTasksPerAgent + config.mathTasksPerAgent);
  const promptTokens = calls * TOKENS.task.prompt;
  const completionTokens = calls * TOKENS.task.completion;
  return { items, calls, promptTokens, completionTokens, costUsd: await price(db, model, promptTokens, completionTokens, config.batch) };
}
