import { describe, expect, it } from "vitest";
import { splitBudgetFlags } from "../jobs/budget-schema";
import { forkConfigFromFlags, simulateConfigFromFlags } from "./cli";
import { simulateConfigSchema } from "./config";

describe("simulation CLI flags", () => {
  it("become a valid simulate config, lists split on commas", () => {
    const config = simulateConfigFromFlags([
      "--task-ids",
      "t1,t2",
      "--protocols",
      "native,react",
      "--episodes-per-task",
      "3",
      "--failure-rate",
      "0.1",
      "--environment",
      "mcp",
    ]);
    expect(simulateConfigSchema.parse(config)).toMatchObject({
      taskIds: ["t1", "t2"],
      protocols: ["native", "react"],
      episodesPerTask: 3,
      failureRate: 0.1,
      environment: "mcp",
    });
    expect(simulateConfigSchema.parse(simulateConfigFromFlags(["--all"]))).toMatchObject({ all: true, protocols: ["native"] });
  });

  it("a fork's flags become a run with one fork", () => {
    const config = forkConfigFromFlags(["--trajectory-id", "x", "--at-step", "4", "--protocol", "react", "--concurrency", "2"]);
    expect(simulateConfigSchema.parse(config)).toMatchObject({ forks: [{ trajectoryId: "x", atStep: 4, protocol: "react" }], concurrency: 2 });
  });

  it("a fork's budget flags cap the run, not the fork", () => {
    const { budget, config } = splitBudgetFlags(
      forkConfigFromFlags(["--trajectory-id", "x", "--at-step", "4", "--budget-usd", "2.5", "--budget-tokens", "9000"]),
    );
    expect(budget).toEqual({ usd: 2.5, tokens: 9000 });
    expect(simulateConfigSchema.parse(config).forks).toEqual([expect.not.objectContaining({ budgetUsd: expect.anything() })]);
    expect(simulateConfigSchema.parse(config)).toMatchObject({ forks: [{ trajectoryId: "x", atStep: 4 }] });
  });

  it("a config that selects nothing is refused", () => {
    expect(simulateConfigSchema.safeParse(simulateConfigFromFlags(["--seed", "3"])).success).toBe(false);
  });
});
