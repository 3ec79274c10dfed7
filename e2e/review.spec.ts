import { expect, test } from "@playwright/test";
import { seedReviewTrajectories, type SeededReview } from "./fixtures/review-seed";
import { ADMIN, signInAsAdmin } from "./helpers";

test.describe.configure({ mode: "serial" });

let seeded: SeededReview;
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsAdmin(page); // creates the first admin when this spec runs alone
  await page.close();
  seeded = await seedReviewTrajectories(ADMIN.email);
});

test("filter the list through the URL, step through a trajectory with the keyboard, replay it and override the judge", async ({ page }) => {
  await signInAsAdmin(page);

  // human=any leaves out the unreviewed one, whose effective verdict is the judge's (the demo may judge it again meanwhile)
  await page.goto(`/trajectories?verdict=accepted&human=any&q=${seeded.marker}`);
  const rows = page.getByTestId("trajectory-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-id", seeded.accepted);
  await page.goto(`/trajectories?verdict=rejected&human=any&q=${seeded.marker}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-id", seeded.rejected);
  await page.screenshot({ path: "test-results/screenshots/trajectories.png", fullPage: true });

  await page.goto(`/trajectories?verdict=accepted&human=any&q=${seeded.marker}`);
  await rows.first().getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/trajectories/${seeded.accepted}`));
  const viewer = page.getByTestId("trajectory-viewer");
  await expect(viewer).toHaveAttribute("data-current-step", "0");

  await page.keyboard.press("j");
  await expect(page).toHaveURL(/[?&]step=1\b/);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(/[?&]step=2\b/);
  await page.keyboard.press("k");
  await expect(page).toHaveURL(/[?&]step=1\b/);
  await expect(page.locator('[data-step="1"][aria-current="step"]')).toBeVisible();
  // the arguments of the second call do not fit the tool's schema; v finds the violation, c the judge's citation
  await expect(page.locator('[data-testid="tool-call"][data-valid="false"]')).toContainText("invalid arguments");
  await page.keyboard.press("v");
  await expect(page).toHaveURL(/[?&]step=5\b/);
  // the judgement cites the bad call (which judgement counts may change while the demo judges: read the step it went to)
  await page.keyboard.press("Home");
  await page.keyboard.press("c");
  await expect(viewer).not.toHaveAttribute("data-current-step", "0");
  const cited = await viewer.getAttribute("data-current-step");
  await expect(page).toHaveURL(new RegExp(`[?&]step=${cited}\\b`));
  await expect(page.locator(`[data-testid="step"][data-step="${cited}"] [data-testid="citation"]`).first()).toBeVisible();

  await page.getByLabel("Replay speed (steps per second)").selectOption("8");
  await page.getByTestId("play").click();
  await expect(viewer).toHaveAttribute("data-current-step", String(seeded.steps - 1));
  await expect(page.getByTestId("play")).toHaveText("Replay");
  await page.screenshot({ path: "test-results/screenshots/trajectory.png", fullPage: true });

  await expect(page.getByTestId("effective-verdict")).toHaveAttribute("data-verdict", "accepted");
  await page.keyboard.press("r");
  await expect(page.getByTestId("label-rejected")).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Note").fill("the second call invented an argument");
  await page.getByTestId("save-review").click();
  await expect(page.getByTestId("effective-verdict")).toHaveAttribute("data-verdict", "rejected");
  await expect(page.getByTestId("human-verdict")).toHaveAttribute("data-verdict", "rejected");
  await expect(page.getByTestId("review").first()).toContainText("the second call invented an argument");

  // the list sees the override too
  await page.goto(`/trajectories?human=rejected&q=${seeded.marker}`);
  await expect(rows).toHaveCount(2);
});

test("a review queue hands out the next trajectory and moves on after each label", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/review");
  const form = page.getByTestId("create-queue");
  await form.getByLabel("Queue name").fill(`e2e ${seeded.marker}`);
  await form.getByLabel("Filter").fill(`q=${seeded.marker}&human=none`);
  await form.getByRole("button", { name: "Make queue" }).click();
  await expect(form.getByText("with 1 trajectory.")).toBeVisible();

  const queue = page.locator(`[data-testid="queue"][data-name="e2e ${seeded.marker}"]`);
  await queue.getByRole("button", { name: "Start reviewing" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/[^/]+/${seeded.fresh}($|\\?)`));
  await page.screenshot({ path: "test-results/screenshots/review.png", fullPage: true });
  await page.keyboard.press("a");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/review\?finished=/);
  await expect(queue.getByTestId("queue-progress")).toContainText("1 of 1 labelled");
});

test("a label written over someone else's newer review is refused with a clear message", async ({ page, context }) => {
  await signInAsAdmin(page);
  const other = await context.newPage();
  await page.goto(`/trajectories/${seeded.rejected}`);
  await other.goto(`/trajectories/${seeded.rejected}`);

  await page.keyboard.press("a");
  await page.getByTestId("save-review").click();
  await expect(page.getByTestId("effective-verdict")).toHaveAttribute("data-verdict", "accepted");

  await other.keyboard.press("r");
  await other.getByTestId("save-review").click();
  await expect(other.getByTestId("label-form").getByRole("alert")).toContainText("Someone reviewed this trajectory after you opened it");
  await other.getByRole("button", { name: "Reload the reviews" }).click();
  await expect(other.getByTestId("effective-verdict")).toHaveAttribute("data-verdict", "accepted");
});

test("export a hand-picked selection as a dataset version", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/trajectories?human=any&q=${seeded.marker}`);
  // the reviewed ones: accepted, rejected, and the fresh one once the queue test labelled it
  const rows = page.getByTestId("trajectory-row");
  await expect(rows.first()).toBeVisible();
  const n = await rows.count();
  expect(n).toBeGreaterThanOrEqual(2);
  await page.getByLabel("Select every trajectory on this page").check();
  const bulk = page.getByTestId("bulk-actions");
  await expect(bulk).toContainText(`${n} selected`);
  const name = `picked-${seeded.marker}`;
  await bulk.getByLabel("Dataset to export to").fill(name);
  await bulk.getByLabel("Export format").selectOption("sharegpt");
  await bulk.getByRole("button", { name: "Export" }).click();
  await expect(bulk.getByRole("status")).toContainText(`Exporting ${n} trajectories to dataset “${name}”`);

  await page.goto("/datasets");
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(`Wrote ${name} v1`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const href = await page.getByRole("link", { name: "train.jsonl" }).first().getAttribute("href");
  const lines = (await (await page.request.get(href!)).text()).trim().split("\n");
  // all of them, though one was rejected: a selection is exported whatever its verdict
  expect(lines).toHaveLength(n);
  expect(JSON.parse(lines[0])).toHaveProperty("conversations");
});
