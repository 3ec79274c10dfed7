import { describe, expect, it } from "vitest";
import type { Run } from "../db/client";
import { runProgress } from "./progress";

const base = {
  id: "r",
  kind: "noop",
  status: "running",
  config: {},
  total: 100,
  done: 40,
  failed: 10,
  errors: [],
  message: null,
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  cancelRequested: false,
  createdById: null,
  createdAt: new Date(0),
  startedAt: new Date(0),
  finishedAt: null,
  updatedAt: new Date(0),
} as unknown as Run;

describe("run progress", () => {
  it("derives percent, rate and time left from the counters", () => {
    const p = runProgress(base, 10_000);
    expect(p).toMatchObject({ percent: 50, rate: 5, elapsedMs: 10_000, etaMs: 10_000 });
  });

  it("a finished run has no time left and its elapsed time stops at the end", () => {
    const p = runProgress({ ...base, status: "succeeded", done: 100, failed: 0, finishedAt: new Date(4_000) } as Run, 60_000);
    expect(p).toMatchObject({ percent: 100, elapsedMs: 4_000, etaMs: null, rate: 25 });
  });
});
