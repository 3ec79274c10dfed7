import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

type RunRow = { id: string; kind: string; status: string; message: string | null; budgetUsd: number | null; budgetTokens: number | null };

async function runs(page: Page): Promise<RunRow[]> {
  const res = await page.request.get("/api/runs"); // with the signed-in page's cookies
  return ((await res.json()) as { runs: RunRow[] }).runs;
}

async function newRun(page: Page, kind: string, before: Set<string>): Promise<RunRow> {
  let run: RunRow | undefined;
  await expect(async () => {
    run = (await runs(page)).find((r) => r.kind === kind && !before.has(r.id));
    expect(run?.status, run?.message ?? `no new ${kind} run yet`).toBe("succeeded");
  }).toPass({ timeout: 120_000, intervals: [1_000] });
  return run!;
}

// The judge form on Calibration and the synthesis forms take a run's budget
// and batch mode (on the offline provider a batch is answered at once).
test("start a judge run and an agent synthesis run with a budget, in batch mode", async ({ page }) => {
  test.setTimeout(480_000);
  await signInAsAdmin(page);
  await expect(async () => {
    const demo = (await runs(page)).find((r) => r.kind === "demo");
    expect(demo?.status, demo?.message ?? "no demo run").toBe("succeeded");
  }).toPass({ timeout: 240_000, intervals: [2_000] });

  await page.goto("/calibration");
  const judge = page.getByTestId("start-judge-form");
  await judge.getByLabel("Budget (USD)").fill("3");
  await judge.getByLabel("Budget (tokens)").fill("200000");
  await judge.getByLabel(/Batch mode/).check();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await judge.screenshot({ path: `test-results/screenshots/calibration-judge-form-${width}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  let before = new Set((await runs(page)).map((r) => r.id));
  await judge.getByRole("button", { name: "Start judging" }).click();
  await expect(judge.getByText("Started.")).toBeVisible();
  expect(await newRun(page, "judge", before)).toMatchObject({ budgetUsd: 3, budgetTokens: 200_000 });

  await page.goto("/agents");
  await page.locator("summary", { hasText: /^Synthesize agents$/ }).click(); // folded once agents exist
  const agents = page.getByTestId("synthesize-agents-form");
  await agents.getByLabel("Agents", { exact: true }).fill("2");
  await agents.getByLabel(/Batch mode/).check();
  await agents.getByLabel("Budget (USD)").fill("1.5");
  before = new Set((await runs(page)).map((r) => r.id));
  await agents.getByRole("button", { name: "Start synthesis" }).click();
  expect(await newRun(page, "synthesize_agents", before)).toMatchObject({ budgetUsd: 1.5, budgetTokens: null });
});
