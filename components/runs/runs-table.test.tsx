import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RunProgress } from "@/lib/jobs/progress";
import { renderComponent } from "@/test/render-component";
import { RunsTable } from "./runs-table";

const ended = (over: Partial<RunProgress>): RunProgress => ({
  id: "run-1",
  kind: "export",
  status: "succeeded",
  total: 10,
  done: 10,
  failed: 0,
  percent: 100,
  rate: 5,
  elapsedMs: 2000,
  etaMs: null,
  message: null,
  pausedReason: null,
  errors: [],
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  budgetUsd: null,
  budgetTokens: null,
  parked: false,
  createdAt: "2026-12-06T10:00:00.000Z",
  cancelRequested: false,
  ...over,
});

const never = async () => ({ ok: true as const });
const actions = { cancel: never, retry: never, setBudget: never };
const error = (key: string) => ({ key, message: `record ${key} refused`, at: "2026-12-06T10:00:01.000Z" });

describe("RunsTable errors column", () => {
  it("counts failed items when some failed, and recorded errors (not '0 failed') when none did", () => {
    renderComponent(
      <RunsTable
        canManage={false}
        actions={actions}
        initial={[
          ended({ id: "run-partial", kind: "simulate", status: "partial", done: 8, failed: 2, errors: [error("a"), error("b")] }),
          ended({ id: "run-export", errors: [error("x"), error("y"), error("z")] }),
          ended({ id: "run-clean", kind: "judge" }),
        ]}
      />,
    );
    const summaries = screen.getAllByTestId("run-errors-summary").map((s) => s.textContent);
    expect(summaries).toEqual(["2 failed", "3 errors recorded"]);
    const clean = screen.getAllByRole("row").at(-1)!;
    expect(within(clean).queryByTestId("run-errors-summary")).toBeNull();
  });
});
