import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

async function demoSucceeded(page: Page) {
  await expect(async () => {
    const res = await page.request.get("/api/runs"); // with the signed-in page's cookies
    const { runs } = (await res.json()) as { runs: { kind: string; status: string; message: string | null }[] };
    const demo = runs.find((r) => r.kind === "demo");
    expect(demo?.status, demo?.message ?? "no demo run").toBe("succeeded");
  }).toPass({ timeout: 240_000, intervals: [2_000] });
}

// The demo's simulated episodes run in an explicit world: the viewer shows
// what a step changed, the expected end state beside the final world, and
// who failed when the judge blamed someone.
test("walk a state diff and the blame of a demo trajectory in the viewer", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAsAdmin(page);
  await demoSucceeded(page);

  // a rejected simulated episode the judge blamed on the agent, whose tools changed the world
  await page.goto("/trajectories?environment=simulated&blame=agent&sort=steps&dir=desc&size=100");
  const ids = await page.getByTestId("trajectory-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
  expect(ids.length, "the demo has agent-blamed simulated trajectories").toBeGreaterThan(0);
  let found = false;
  for (const id of ids) {
    await page.goto(`/trajectories/${id}`);
    await expect(page.getByTestId("trajectory-viewer")).toBeVisible();
    if ((await page.getByTestId("world-changed-step").count()) > 0) {
      found = true;
      break;
    }
  }
  expect(found, "one of them changed its world").toBe(true);

  const panel = page.getByTestId("world-panel");
  const viewer = page.getByTestId("trajectory-viewer");
  await expect(panel.getByTestId("world-no-change")).toHaveText("Step 1 changed nothing in the world.");
  const changed = panel.getByTestId("world-changed-step").first();
  const step = (await changed.getAttribute("data-step"))!;
  await changed.click();
  await expect(viewer).toHaveAttribute("data-current-step", step);
  await expect(page).toHaveURL(new RegExp(`[?&]step=${step}\\b`));
  const diff = panel.getByTestId("world-diff");
  await expect(diff.getByTestId("world-change").first()).toBeVisible();
  await expect(diff.getByTestId("world-change").first()).toContainText(/added|changed|removed/);
  await expect(diff.getByTestId("world-change").first()).toContainText("/");

  // the world before and after the step differ where the diff says
  // (data-step is the step's index; on screen steps count from 1)
  await panel.getByText(`World after step ${Number(step) + 1}`).click();
  await expect(panel.getByText(`World after step ${Number(step) + 1}`).locator("xpath=..")).toContainText("{");

  // the expected end state against the final world, and who failed
  // (a blueprint may ask only for actions and facts: then it asserts nothing about the end state)
  await expect(panel.getByTestId("world-expected")).toContainText("Expected end state vs final world");
  const rows = panel.getByTestId("world-expected-row");
  if ((await rows.count()) === 0) await expect(panel.getByTestId("world-expected")).toContainText("The blueprint asserts nothing about the end state.");
  await expect(panel.getByTestId("world-blame")).toHaveAttribute("data-blame", "agent");
  await expect(panel.getByTestId("world-blame")).toContainText("the agent");
  await expect(page.getByTestId("judgement-blame")).toHaveAttribute("data-blame", "agent");
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/world-diff.png", fullPage: true });
});
