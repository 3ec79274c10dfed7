import { expect, test, type Page } from "@playwright/test";
import { seedReviewTrajectories, type SeededReview } from "./fixtures/review-seed";
import { ADMIN, signInAsAdmin } from "./helpers";

// Browsing the studio: the dashboard's funnel, judge–human agreement and
// recent runs, and an agent's pass rate leading to its trajectories. The
// demo workspace builds in the background, so counts are read, not assumed;
// the seeded agent (three judged trajectories, two of them reviewed) is the
// one whose numbers are known.

test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1280, height: 900 } });

let seeded: SeededReview;
const agentId = () => `e2e-agent-${seeded.marker}`; // as e2e/fixtures/review-seed.ts names it

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsAdmin(page); // creates the first admin when this spec runs alone
  await page.close();
  seeded = await seedReviewTrajectories(ADMIN.email);
});

async function waitForDemo(page: Page) {
  await expect(async () => {
    const res = await page.request.get("/api/runs"); // with the signed-in page's cookies
    const { runs } = (await res.json()) as { runs: { kind: string; status: string; message: string | null }[] };
    const demo = runs.find((r) => r.kind === "demo");
    expect(demo?.status, demo?.message ?? "no demo run").toBe("succeeded");
  }).toPass({ timeout: 200_000, intervals: [2_000] });
}

const countOf = async (page: Page, key: string) => Number(await page.getByTestId(`funnel-${key}`).getAttribute("data-count"));

test("the dashboard shows the funnel, judge–human agreement and recent runs", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAsAdmin(page);
  await waitForDemo(page);
  await page.goto("/");

  const funnel = page.getByTestId("funnel");
  await expect(funnel.getByRole("listitem")).toHaveCount(7);
  const keys = ["tools", "agents", "tasks", "trajectories", "judged", "accepted", "reviewed"];
  for (const key of keys) await expect(page.getByTestId(`funnel-${key}`)).toBeVisible();
  const counts = Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await countOf(page, k)] as const)));
  for (const key of ["tools", "agents", "tasks", "trajectories", "judged"]) expect(counts[key], key).toBeGreaterThan(0);
  // the seeded agent's accepted trajectory was reviewed and accepted by a person
  expect(counts.reviewed).toBeGreaterThanOrEqual(1);
  expect(counts.judged).toBeLessThanOrEqual(counts.trajectories);
  expect(counts.accepted).toBeLessThanOrEqual(counts.judged);
  expect(counts.reviewed).toBeLessThanOrEqual(counts.accepted);
  await expect(page.getByTestId("funnel-count-trajectories")).toHaveText(counts.trajectories.toLocaleString("en"));
  await expect(page.getByTestId("funnel-conversion-tasks")).toHaveText(/^[\d.,]+ per agent$/);
  await expect(page.getByTestId("funnel-conversion-judged")).toHaveText(/^[\d.]+% of trajectories$/);
  await expect(page.getByTestId("funnel-conversion-reviewed")).toHaveText(/^[\d.]+% of accepted$/);

  // two seeded trajectories carry both a judgement and a review, and agree
  const agreement = page.getByTestId("judge-agreement");
  expect(Number(await agreement.getAttribute("data-n"))).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("agreement-rate")).toHaveText(/^[\d.]+%$/);
  await expect(page.getByTestId("agreement-kappa")).toHaveText(/^(-?\d\.\d\d|—)$/);
  await expect(page.getByTestId("agreement-n")).toHaveText(/^[\d,]+$/);

  const runs = page.getByTestId("recent-run");
  expect(await runs.count()).toBeGreaterThanOrEqual(1);
  expect(await runs.count()).toBeLessThanOrEqual(8);
  await expect(runs.first()).toHaveAttribute("data-status", /^(queued|running|succeeded|failed|cancelled)$/);
  await expect(runs.first().getByRole("progressbar")).toBeVisible();
  await expect(runs.first().getByRole("link")).toHaveAttribute("href", /^\/runs\/[a-z0-9]+$/);
  await expect(page.getByTestId("offline-banner")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/dashboard.png", fullPage: true });

  // links are reachable from the keyboard
  const calibration = page.getByRole("link", { name: /Calibration, per judge configuration/ });
  await calibration.focus();
  await expect(calibration).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/calibration$/);

  await page.goto("/");
  await page.getByTestId("funnel-judged").getByRole("link", { name: "Judged" }).click();
  await expect(page).toHaveURL(/\/trajectories\?judge=any$/);
});

test("an agent shows its pass rate and links to its trajectories", async ({ page }) => {
  await signInAsAdmin(page);

  // the agents list has a pass-rate column linking to the agent's trajectories
  await page.goto(`/agents?q=${seeded.marker}`);
  const row = page.getByTestId("agent-row");
  await expect(row).toHaveCount(1);
  const cell = row.getByTestId("pass-rate-cell");
  await expect(cell).toHaveText(/^\d+% \d+\/3$/);
  await expect(cell.getByRole("link")).toHaveAttribute("href", `/trajectories?agentId=${agentId()}`);

  await page.goto(`/agents/${agentId()}`);
  const card = page.getByTestId("pass-rate");
  await expect(card).toBeVisible();
  // all three are judged, two reviewed: decided is 3 whatever the judge says of the third meanwhile
  await expect(page.getByTestId("pass-rate-value")).toHaveText(/^\d+%\s*\d of 3 decided$/);
  await expect(card).toContainText("Pass rate = accepted ÷ decided");
  await page.screenshot({ path: "test-results/screenshots/agent.png", fullPage: true });

  const link = page.getByTestId("pass-rate-link");
  await expect(link).toHaveText("Open the 3 trajectories →");
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/trajectories\\?agentId=${agentId()}$`));
  await expect(page.getByTestId("trajectory-row")).toHaveCount(3);
  for (const r of await page.getByTestId("trajectory-row").all()) await expect(r).toContainText(`Weather agent ${seeded.marker}`);
});

test("tools and tasks show pass rates that link to their trajectories", async ({ page }) => {
  await signInAsAdmin(page);

  await page.goto("/tools");
  await expect(page.getByTestId("tool-table").getByRole("columnheader", { name: "Pass rate" })).toBeVisible();
  await expect(page.getByTestId("tool-table").getByRole("columnheader", { name: "Offered in" })).toBeVisible();
  // a tool offered to an agent that has trajectories
  const offered = page.getByTestId("tool-table").getByTestId("pass-rate-cell").getByRole("link").first();
  await expect(offered).toHaveAttribute("href", /^\/trajectories\?toolId=/);
  const toolHref = (await offered.getAttribute("href"))!;
  await offered.click();
  await expect(page).toHaveURL(toolHref);
  await expect(page.getByTestId("list-filters").locator('input[name="toolId"]')).toHaveValue(toolHref.split("=")[1]);
  expect(await page.getByTestId("trajectory-row").count()).toBeGreaterThan(0);

  await page.goto(`/tools/${toolHref.split("=")[1]}`);
  await expect(page.getByTestId("pass-rate")).toContainText("the agents it is offered to");
  await expect(page.getByTestId("pass-rate-link")).toHaveAttribute("href", toolHref);

  await page.goto(`/tasks?agentId=${agentId()}`);
  const cell = page.getByTestId("task-row").getByTestId("pass-rate-cell");
  await expect(cell).toHaveText(/^\d+% \d\/3$/);
  await page.getByTestId("task-row").getByRole("link").first().click();
  await expect(page.getByTestId("pass-rate-link")).toHaveAttribute("href", `/trajectories?taskId=e2e-task-${seeded.marker}`);
});
