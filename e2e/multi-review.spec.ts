import { expect, test, type Browser, type Page } from "@playwright/test";
import { seedReviewTrajectories, type SeededReview } from "./fixtures/review-seed";
import { ADMIN, signInAsAdmin } from "./helpers";

// Two reviewers label the same item of a queue that asks for two, each blind
// to the other's label; they disagree, and an admin settles it.

test.describe.configure({ mode: "serial" });

let seeded: SeededReview;
const people = (marker: string) => [
  { name: `Rita ${marker}`, email: `rita-${marker}@studio.test`, password: "rita reviews blind" },
  { name: `Remy ${marker}`, email: `remy-${marker}@studio.test`, password: "remy reviews blind" },
];

async function signInAs(browser: Browser, who: { name: string; email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(who.name);
  return page;
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsAdmin(page);
  await page.close();
  seeded = await seedReviewTrajectories(ADMIN.email);
});

test("two reviewers label one item blind, then an admin adjudicates their disagreement", async ({ page, browser }) => {
  test.setTimeout(240_000); // three people, each signing in and working through pages
  const [rita, remy] = people(seeded.marker);
  const queueName = `blind ${seeded.marker}`;
  await signInAsAdmin(page);
  await page.goto("/settings");
  const add = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  for (const who of [rita, remy]) {
    await add.getByLabel("Name").fill(who.name);
    await add.getByLabel("Email").fill(who.email);
    await add.getByLabel("Password").fill(who.password);
    await add.getByLabel("Role").selectOption("reviewer");
    await add.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText(`Added ${who.email} as reviewer`)).toBeVisible();
  }

  await page.goto("/review");
  const form = page.getByTestId("create-queue");
  await form.getByLabel("Queue name").fill(queueName);
  await form.getByLabel("Filter").fill(`q=${seeded.marker}&human=none`);
  await form.getByLabel("Reviewers per item").fill("2");
  await form.getByRole("button", { name: "Make queue" }).click();
  await expect(form.getByText("with 1 trajectory.")).toBeVisible();
  const queue = page.locator(`[data-testid="queue"][data-name="${queueName}"]`);
  await expect(queue.getByTestId("queue-asks")).toContainText("2 reviewers per item, blind");

  // the admin names both reviewers for the whole queue
  await queue.getByRole("button", { name: "Name reviewers…" }).click();
  await queue.getByRole("listbox", { name: "Reviewers" }).selectOption([{ label: rita.name }, { label: remy.name }]);
  await queue.getByRole("button", { name: "Name", exact: true }).click();
  await expect(queue.locator(`[data-testid="reviewer"][data-name="${rita.name}"]`)).toContainText("0 / 1 (whole queue)");

  // Rita rejects it
  const ritaPage = await signInAs(browser, rita);
  await ritaPage.goto("/review");
  await ritaPage.locator(`[data-testid="queue"][data-name="${queueName}"]`).getByRole("button", { name: "Start reviewing" }).click();
  await expect(ritaPage).toHaveURL(new RegExp(`/review/[^/]+/${seeded.fresh}($|\\?)`));
  await expect(ritaPage.getByTestId("blind-note")).toBeVisible();
  await ritaPage.keyboard.press("r");
  await ritaPage.getByLabel("Note").fill("the second call invented an argument");
  await ritaPage.getByTestId("save-review").click();
  await expect(ritaPage).toHaveURL(/\/review\?finished=/);

  // Remy gets the same item and sees nothing of Rita's label
  const remyPage = await signInAs(browser, remy);
  await remyPage.goto("/review");
  await remyPage.locator(`[data-testid="queue"][data-name="${queueName}"]`).getByRole("button", { name: "Start reviewing" }).click();
  await expect(remyPage).toHaveURL(new RegExp(`/review/[^/]+/${seeded.fresh}($|\\?)`));
  await expect(remyPage.getByTestId("blind-note")).toBeVisible();
  await expect(remyPage.getByTestId("review")).toHaveCount(0);
  await expect(remyPage.getByText("the second call invented an argument")).toHaveCount(0);
  await expect(remyPage.getByTestId("human-verdict")).not.toHaveAttribute("data-verdict", "rejected");
  // nor on the trajectory's own page
  await remyPage.goto(`/trajectories/${seeded.fresh}`);
  await expect(remyPage.getByTestId("review")).toHaveCount(0);
  await remyPage.goBack();
  await remyPage.keyboard.press("a");
  await remyPage.getByTestId("save-review").click();
  await expect(remyPage).toHaveURL(/\/review\?finished=/);
  // once he has labelled, he sees both labels
  await remyPage.goto(`/trajectories/${seeded.fresh}`);
  await expect(remyPage.getByTestId("review")).toHaveCount(2);

  await page.goto("/review");
  await expect(queue.getByTestId("queue-progress")).toContainText("1 of 1 labelled");
  await expect(queue.locator(`[data-testid="reviewer"][data-name="${remy.name}"]`)).toContainText("1 / 1 (whole queue)");

  // the admin settles it: accepted
  await page.goto("/review/adjudication");
  const item = page.locator(`[data-testid="disagreement"][data-trajectory="${seeded.fresh}"]`);
  await expect(item.getByTestId("side-label")).toHaveCount(2);
  await expect(item).toContainText(rita.name);
  await expect(item).toContainText(remy.name);
  await page.screenshot({ path: "test-results/screenshots/adjudication.png", fullPage: true });
  await item.getByLabel("Why (kept with the final label)").fill("the answer was right; the bad call did no harm");
  await item.getByRole("button", { name: "Final: accept" }).click();
  await expect(item.getByRole("status")).toContainText("Recorded: accepted.");

  await page.goto(`/trajectories/${seeded.fresh}`);
  await expect(page.getByTestId("human-verdict")).toHaveAttribute("data-verdict", "accepted");
  await expect(page.getByTestId("review").first()).toContainText("adjudication");
  await expect(page.getByTestId("review")).toHaveCount(3);

  await page.goto("/calibration");
  await expect(page.locator('[data-testid="reviewer-agreement-row"][data-key="verdict"]')).toBeVisible();
});
