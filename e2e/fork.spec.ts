import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

type RunRow = { id: string; kind: string; status: string; message: string | null };

async function runs(page: Page): Promise<RunRow[]> {
  const res = await page.request.get("/api/runs"); // with the signed-in page's cookies
  return ((await res.json()) as { runs: RunRow[] }).runs;
}

// Forking re-simulates a demo trajectory from the step the viewer is on; the
// fork links back to its parent and the two compare side by side.
test("fork a trajectory from the current step and compare it with its parent", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAsAdmin(page);
  await expect(async () => {
    const demo = (await runs(page)).find((r) => r.kind === "demo");
    expect(demo?.status, demo?.message ?? "no demo run").toBe("succeeded");
  }).toPass({ timeout: 240_000, intervals: [2_000] });

  await page.goto("/trajectories?environment=simulated&sort=steps&dir=desc");
  const first = page.getByTestId("trajectory-row").first();
  const parentId = await first.getAttribute("data-id");
  await first.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/trajectories/${parentId}`));
  const viewer = page.getByTestId("trajectory-viewer");
  await expect(viewer).toHaveAttribute("data-current-step", "0");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(viewer).toHaveAttribute("data-current-step", "2");

  const form = page.getByTestId("fork-form");
  await expect(form.getByLabel("Fork at step")).toHaveValue("2"); // the form follows the viewer
  await form.getByLabel("Protocol").selectOption("react");
  await form.getByLabel("Tool failure rate").fill("0.5");
  await form.getByRole("button", { name: "Fork" }).click();
  // without a reload: the new trajectory is linked as soon as its run makes it, the Forks panel lists it,
  // and the fork is judged like any simulated trajectory
  const started = page.getByTestId("simulation-started");
  await expect(started).toBeVisible();
  const link = started.getByTestId("new-fork-link");
  await expect(link).toBeVisible({ timeout: 60_000 });
  const forkId = (await link.getAttribute("href"))!.split("/").pop()!;
  const listed = page.locator(`[data-testid="fork"][data-id="${forkId}"]`);
  await expect(listed).toBeVisible();
  await expect(page.getByText("Neither forked nor forked from")).toHaveCount(0);
  await expect(listed.getByTestId("fork-state")).toHaveAttribute("data-state", "ended", { timeout: 60_000 });
  await expect(listed.locator("[data-verdict]")).not.toHaveAttribute("data-verdict", "none");
  await expect(started.locator("[data-verdict]")).not.toHaveAttribute("data-verdict", "none");

  await page.reload();
  const fork = page.getByTestId("fork").first();
  await expect(fork).toContainText("from step 3 · react");
  await fork.getByRole("link", { name: "compare" }).click();
  await expect(page).toHaveURL(new RegExp(`/trajectories/compare\\?a=${parentId}&b=`));
  await expect(page.getByTestId("compare")).toBeVisible();
  await expect(page.getByText("Steps 1–2 are shared (the fork copied them); the trajectories part at step 3.")).toBeVisible();
  // the first two steps are the same on both sides
  const row = page.getByTestId("compare-row").first();
  const [a, b] = await row.locator(":scope > *").allInnerTexts();
  expect(a).toBe(b);
  await page.screenshot({ path: "test-results/screenshots/compare.png", fullPage: true });

  // the fork links back to its parent at the step it was forked from
  await page.getByRole("link", { name: /^B · / }).click();
  await expect(page.getByTestId("parent-link")).toHaveAttribute("href", `/trajectories/${parentId}?step=2`);
});
