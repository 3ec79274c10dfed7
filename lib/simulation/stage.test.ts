import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../test/db";
import { dataDir } from "../datasets/paths";
import type { Run } from "../db/client";
import { createStageContext, RunCancelled } from "../jobs/context";
import { selectionSchema } from "../datasets/config";
import { selectionWhere } from "../datasets/selection";
import { LlmRequestError } from "../llm/errors";
import { TruncatedReplyError } from "../llm/truncated-reply";
import { INFRASTRUCTURE_FAILED } from "../trajectory/ended";
import { loadTrajectory } from "../trajectory/store";
import { forkTrajectory } from "./fork";
import type { SimulationGateway } from "./gateway";
import { renderReactStep } from "./react";
import { simulateConfigSchema } from "./config";
import { runSimulation } from "./stage";
import { createFakeGateway } from "./testing/fake-gateway";
import { createAgentWithTask } from "./testing/fixtures";
import { TOOL_SIMULATOR_PROMPT_VERSION } from "./tools/simulator";
import { USER_SIMULATOR_PROMPT_VERSION } from "./user-simulator";

// An agent that looks the weather up once, then answers, in either protocol.
function weatherAgent(opts: { tool?: string; args?: object } = {}) {
  return createFakeGateway({
    chat: (req) => {
      const react = !req.tools;
      const observed = req.messages.some((m) => m.role === "tool" || (m.role === "user" && m.content.startsWith("[[ ## observation")));
      const tool = opts.tool ?? "get_weather";
      const args = opts.args ?? { city: "Paris" };
      if (!observed) {
        return react ? { text: renderReactStep({ thought: "Look it up.", toolName: tool, args }) } : { toolCalls: [{ id: "c1", name: tool, arguments: args }] };
      }
      return react
        ? { text: renderReactStep({ thought: "Done.", toolName: "finish", args: { answer: "Yes, take an umbrella." } }) }
        : { text: "Yes, take an umbrella." };
    },
  });
}

describe("simulate stage (PostgreSQL)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });

  const newRun = (config: object) => t.db.run.create({ data: { kind: "simulate", status: "running", config } });
  const context = (run: Run) => createStageContext(t.db, run, new AbortController().signal);

  it("runs episodes in both protocols, stores them with their keys and end reasons, and a rerun adds nothing", async () => {
    const { task, agent } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ taskIds: [task.id], protocols: ["native", "react"], episodesPerTask: 2, seed: 10, concurrency: 4 });
    const run = await newRun(config);
    const gateway = weatherAgent();
    await runSimulation(context(run), config, gateway);

    const rows = await t.db.trajectory.findMany({ where: { runId: run.id }, orderBy: { episodeKey: "asc" } });
    expect(rows.map((r) => r.episodeKey)).toEqual([
      `${run.id}:${task.id}:10:native`,
      `${run.id}:${task.id}:10:react`,
      `${run.id}:${task.id}:11:native`,
      `${run.id}:${task.id}:11:react`,
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({
        taskId: task.id,
        agentId: agent.id,
        endReason: "agent_finished",
        environment: "simulated",
        model: "fake-model",
        provider: "fake",
        steps: 5,
        userSimulatorPromptVersion: USER_SIMULATOR_PROMPT_VERSION,
        toolSimulatorPromptVersion: TOOL_SIMULATOR_PROMPT_VERSION,
      });
      expect(r.promptTokens).toBeGreaterThan(0);
      const doc = await loadTrajectory(t.db, r.id);
      expect(doc!.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "assistant"]);
      expect(doc!.tools.map((x) => x.name)).toEqual(["get_weather"]);
      expect(JSON.parse(doc!.messages[3].content!)).toMatchObject({ temp_c: 1, sky: "clear" });
    }
    expect(rows.find((r) => r.protocol === "react")).toBeTruthy();
    expect(await t.db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ total: 4, done: 4, failed: 0 });

    const calls = gateway.requests.length;
    await runSimulation(context(run), config, gateway);
    expect(await t.db.trajectory.count({ where: { runId: run.id } })).toBe(4);
    expect(gateway.requests.length).toBe(calls);
  });

  it("a crashed episode resumes from its last stored step, in the same trajectory", async () => {
    const { task } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ taskIds: [task.id], protocols: ["native"] });
    const run = await newRun(config);
    const healthy = weatherAgent();
    let agentCalls = 0;
    const crashing: SimulationGateway = {
      ...healthy,
      chat: async (...args) => {
        if (++agentCalls === 2) throw new Error("worker killed");
        return healthy.chat(...args);
      },
    };
    await runSimulation(context(run), config, crashing);
    const partial = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id }, include: { messages: true } });
    expect(partial.endReason).toBe("");
    expect(partial.messages.map((m) => m.role).sort()).toEqual(["assistant", "system", "tool", "user"]);
    expect(await t.db.runItem.findFirstOrThrow({ where: { runId: run.id } })).toMatchObject({ status: "failed", error: "worker killed" });

    await runSimulation(context(run), config, healthy);
    const rows = await t.db.trajectory.findMany({ where: { runId: run.id }, include: { messages: { orderBy: { index: "asc" } } } });
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(partial.id);
    expect(rows[0]).toMatchObject({ endReason: "agent_finished", steps: 5 });
    expect(rows[0].messages.map((m) => m.index)).toEqual([0, 1, 2, 3, 4]);
    // only the lost step was asked for again
    expect(healthy.requests.filter((r) => r.role === "agent")).toHaveLength(2);
    expect(await t.db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ done: 1, failed: 0 });
  });

  it("an endpoint that keeps failing ends the episode as the infrastructure's failure, kept out of datasets, and a retry continues it", async () => {
    const { task } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ taskIds: [task.id], protocols: ["native"] });
    const run = await newRun(config);
    const healthy = weatherAgent();
    let agentCalls = 0;
    const failing: SimulationGateway = {
      ...healthy,
      chat: async (...args) => {
        if (++agentCalls === 2) throw new LlmRequestError("agent", "HTTP 500: upstream model crashed", 500, 5, "http://llm.test/v1", false);
        return healthy.chat(...args);
      },
    };
    await runSimulation(context(run), config, failing);
    const stopped = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id } });
    expect(stopped).toMatchObject({ endReason: INFRASTRUCTURE_FAILED, endError: "endpoint: HTTP 500: upstream model crashed", steps: 4 });
    expect(await t.db.runItem.findFirstOrThrow({ where: { runId: run.id } })).toMatchObject({ status: "failed" });
    expect(await t.db.trajectory.count({ where: { AND: [{ id: stopped.id }, selectionWhere(selectionSchema.parse({ verdict: "any" }))] } })).toBe(0);

    await runSimulation(context(run), config, healthy);
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id: stopped.id } })).toMatchObject({ endReason: "agent_finished", endError: null, steps: 5 });
    expect(await t.db.trajectory.count({ where: { runId: run.id } })).toBe(1);
  });

  it("a model reply the studio cannot use ends the episode the same way", async () => {
    const { task } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ taskIds: [task.id], protocols: ["native"] });
    const run = await newRun(config);
    const truncating: SimulationGateway = {
      ...weatherAgent(),
      chat: async () => {
        throw new TruncatedReplyError("agent", 8192, 3);
      },
    };
    await runSimulation(context(run), config, truncating);
    const row = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id } });
    expect(row.endReason).toBe(INFRASTRUCTURE_FAILED);
    expect(row.endError).toMatch(/^model: agent: the reply stopped at its token limit/);
  });

  it("a cancelled run stops between moves and leaves its episodes to resume", async () => {
    const { task } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ taskIds: [task.id] });
    const run = await newRun(config);
    const controller = new AbortController();
    const healthy = weatherAgent();
    const cancelling: SimulationGateway = {
      ...healthy,
      chat: async (...args) => {
        const r = await healthy.chat(...args);
        controller.abort(new Error("cancelled"));
        return r;
      },
    };
    await expect(runSimulation(createStageContext(t.db, run, controller.signal), config, cancelling)).rejects.toThrow(RunCancelled);
    const row = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id } });
    expect(row.endReason).toBe("");
    await runSimulation(context(run), config, weatherAgent());
    expect(await t.db.trajectory.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ endReason: "agent_finished", steps: 5 });
  });

  it("selects tasks by agent and records violations and injected failures on the trajectory", async () => {
    const { agent } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ agentIds: [agent.id], failureRate: 1, seed: 1 });
    const run = await newRun(config);
    await runSimulation(context(run), config, weatherAgent({ args: { town: "Paris" } }));
    const row = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id } });
    expect(row).toMatchObject({ hasViolations: true, agentId: agent.id });
    const withInjection = await createAgentWithTask(t.db);
    const run2 = await newRun(config);
    const config2 = simulateConfigSchema.parse({ taskIds: [withInjection.task.id], failureRate: 1, seed: 1 });
    await runSimulation(context(run2), config2, weatherAgent());
    const row2 = await t.db.trajectory.findFirstOrThrow({ where: { runId: run2.id }, include: { messages: true } });
    expect(row2.hasInjectedFailures).toBe(true);
    expect(row2.messages.find((m) => m.role === "tool")?.injectedFailure).toMatch(/error|partial|edge_case/);
  });

  it("forks a trajectory at a step with another protocol, copying the steps before it", async () => {
    const { task } = await createAgentWithTask(t.db);
    const config = simulateConfigSchema.parse({ taskIds: [task.id] });
    const run = await newRun(config);
    await runSimulation(context(run), config, weatherAgent());
    const parent = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id } });
    const parentDoc = await loadTrajectory(t.db, parent.id);

    const r = await forkTrajectory(t.db, weatherAgent(), { trajectoryId: parent.id, atStep: 2, protocol: "react", seed: 99 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const fork = await t.db.trajectory.findUniqueOrThrow({ where: { id: r.id } });
    expect(fork).toMatchObject({
      parentId: parent.id,
      forkedAtStep: 2,
      protocol: "react",
      seed: 99,
      taskId: task.id,
      episodeKey: null,
      endReason: "agent_finished",
    });
    const doc = await loadTrajectory(t.db, r.id);
    expect(doc!.messages.slice(0, 2)).toEqual(parentDoc!.messages.slice(0, 2));
    expect(doc!.messages[2].toolCalls?.[0].id).toBe("react_2");

    expect(await forkTrajectory(t.db, weatherAgent(), { trajectoryId: parent.id, atStep: 99 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/has 5 steps/),
    });
    expect(await forkTrajectory(t.db, weatherAgent(), { trajectoryId: "nope", atStep: 2 })).toMatchObject({ ok: false });
  });

  it("a fork run keyed by the fork makes each fork once", async () => {
    const { task } = await createAgentWithTask(t.db);
    const base = simulateConfigSchema.parse({ taskIds: [task.id] });
    const baseRun = await newRun(base);
    await runSimulation(context(baseRun), base, weatherAgent());
    const parent = await t.db.trajectory.findFirstOrThrow({ where: { runId: baseRun.id } });
    const config = simulateConfigSchema.parse({ forks: [{ trajectoryId: parent.id, atStep: 4, failureRate: 0 }] });
    const run = await newRun(config);
    await runSimulation(context(run), config, weatherAgent());
    await runSimulation(context(run), config, weatherAgent());
    const forks = await t.db.trajectory.findMany({ where: { parentId: parent.id, runId: run.id } });
    expect(forks).toHaveLength(1);
    expect(forks[0].forkedAtStep).toBe(4);
  });

  it("calls a real MCP server for executable tools when the environment is mcp", async () => {
    // the built-in source as the catalogue stores it
    const source = await t.db.toolSource.create({
      data: {
        name: `memory-${Math.random()}`,
        kind: "stdio",
        builtin: true,
        config: {
          package: "@modelcontextprotocol/server-memory",
          args: [],
          env: { MEMORY_FILE_PATH: path.join(dataDir(), "mcp", "memory.jsonl") },
          folders: [{ path: path.join(dataDir(), "mcp"), write: true }],
          timeoutMs: 30_000,
        },
      },
    });
    const { task } = await createAgentWithTask(t.db, {
      environment: "mcp",
      tools: [
        {
          name: "read_graph",
          description: "Read the knowledge graph",
          inputSchema: { type: "object", properties: {} },
          origin: "real",
          executable: true,
          sourceId: source.id,
        },
      ],
    });
    const config = simulateConfigSchema.parse({ taskIds: [task.id] });
    const run = await newRun(config);
    const gateway = weatherAgent({ tool: "read_graph", args: {} });
    await runSimulation(context(run), config, gateway);
    const row = await t.db.trajectory.findFirstOrThrow({ where: { runId: run.id }, include: { messages: { orderBy: { index: "asc" } } } });
    expect(row).toMatchObject({ environment: "mcp", endReason: "agent_finished" });
    expect(JSON.parse(row.messages[3].content!)).toEqual({ entities: [], relations: [] });
    // the real server answered: the tool simulator was never asked
    expect(gateway.requests.filter((r) => r.role === "tool")).toHaveLength(0);
  }, 30_000);

  it("refuses a config that selects nothing", () => {
    expect(simulateConfigSchema.safeParse({}).success).toBe(false);
    expect(simulateConfigSchema.safeParse({ all: true }).success).toBe(true);
  });
});
