import { expect, test, type Page } from "@playwright/test";
import { seedReviewTrajectories, type SeededReview } from "./fixtures/review-seed";
import { ADMIN, overflow, seriousViolations, signInAsAdmin } from "./helpers";

// Label schemas and step annotations, as people use them: an admin defines a
// trajectory-level and a step-level configuration, a reviewer answers them in
// a queue from the keyboard and annotates a step, and both survive a reload.

test.describe.configure({ mode: "serial" });

let seeded: SeededReview;
let reviewer: { name: string; email: string; password: string };
const tone = () => `Tone ${seeded.marker}`;
const stepIssue = () => `Step issue ${seeded.marker}`;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsAdmin(page); // creates the first admin when this spec runs alone
  await page.close();
  seeded = await seedReviewTrajectories(ADMIN.email);
  reviewer = { name: `Rita ${seeded.marker}`, email: `rita-${seeded.marker}@studio.test`, password: "reviewer password" };
});

async function signIn(page: Page, who: { email: string; password: string; name: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(who.name);
}

test("labels: an admin defines score configurations and adds a reviewer", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/review");
  await page.getByRole("link", { name: "Score configurations" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Score configurations");
  await expect(page.locator('[data-testid="score-config"][data-name="Rubric criteria"]')).toContainText("built in");

  const form = page.getByTestId("score-config-form");
  await form.getByLabel("Name").fill(tone());
  await form.getByLabel("Kind").selectOption("categorical");
  await form.getByLabel("Options").fill("polite\ncurt\nrude");
  await form.getByRole("button", { name: "Add configuration" }).click();
  await expect(form.getByRole("status")).toHaveText(`Made “${tone()}”.`);

  // a range the wrong way round is refused before anything is stored
  await form.getByLabel("Name").fill(`Broken ${seeded.marker}`);
  await form.getByLabel("Kind").selectOption("numeric");
  await form.getByLabel("Minimum").fill("5");
  await form.getByLabel("Maximum").fill("1");
  await form.getByRole("button", { name: "Add configuration" }).click();
  await expect(form.getByRole("alert")).toContainText("minimum must be below its maximum");

  await form.getByLabel("Name").fill(stepIssue());
  await form.getByLabel("Kind").selectOption("categorical");
  await form.getByLabel("Applies to").selectOption("step");
  await form.getByLabel("Options").fill("wrong tool\nbad arguments");
  await form.getByRole("button", { name: "Add configuration" }).click();
  await expect(form.getByRole("status")).toHaveText(`Made “${stepIssue()}”.`);
  const list = page.getByTestId("score-configs");
  await expect(list.locator(`[data-name="${tone()}"]`)).toContainText("one of: polite, curt, rude");
  await expect(list.locator(`[data-name="${stepIssue()}"]`)).toContainText("one step");
  await expect(list.locator(`[data-name="Broken ${seeded.marker}"]`)).toHaveCount(0);

  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await overflow(page), `scores page at ${width} px`).toBe(0);
  }
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto("/settings");
  const add = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  await add.getByLabel("Name").fill(reviewer.name);
  await add.getByLabel("Email").fill(reviewer.email);
  await add.getByLabel("Password").fill(reviewer.password);
  await add.getByLabel("Role").selectOption("reviewer");
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${reviewer.email} as reviewer`)).toBeVisible();
});

test("labels: a reviewer answers the queue's configuration with the keyboard and annotates a step; both survive a reload", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, reviewer);

  // a reviewer makes a queue that asks the custom configurations, not the rubric
  await page.goto("/review");
  const make = page.getByTestId("create-queue");
  await make.getByLabel("Queue name").fill(`labels ${seeded.marker}`);
  await make.getByLabel("Filter").fill(`q=${seeded.marker}&human=none`);
  await make.getByLabel("Rubric criteria").uncheck();
  await make.getByLabel(tone()).check();
  await make.getByLabel(stepIssue()).check();
  await make.getByRole("button", { name: "Make queue" }).click();
  await expect(make.getByText("with 1 trajectory.")).toBeVisible();
  const queue = page.locator(`[data-testid="queue"][data-name="labels ${seeded.marker}"]`);
  await expect(queue.getByTestId("queue-asks")).toHaveText(`Asks: ${tone()}, ${stepIssue()}`);
  await queue.getByRole("button", { name: "Start reviewing" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/[^/]+/${seeded.fresh}($|\\?)`));

  // the form asks the queue's configuration, its options shown with their keys; no rubric
  const label = page.getByTestId("label-form");
  const toneInput = label.locator(`[data-testid="score-input"][data-config="${tone()}"]`);
  await expect(toneInput.getByRole("button", { name: /polite/ })).toContainText("1");
  await expect(toneInput.getByRole("button", { name: /rude/ })).toContainText("3");
  await expect(label.getByText("Criteria")).toHaveCount(0);
  await page.keyboard.press("?");
  const overlay = page.getByRole("dialog");
  await expect(overlay).toContainText(`${tone()}: polite / curt / rude`);
  await expect(overlay).toContainText("next / previous annotated step");
  await page.keyboard.press("Escape");
  await expect(overlay).toBeHidden();

  // annotate the tool call (index 1, shown as step 2): m opens the form on the current step
  await page.keyboard.press("j");
  await expect(page.getByTestId("trajectory-viewer")).toHaveAttribute("data-current-step", "1");
  await page.keyboard.press("m");
  const annotate = page.getByTestId("annotate-form");
  await expect(annotate).toContainText("Annotate step 2");
  await annotate.getByRole("combobox", { name: "Score" }).selectOption({ label: stepIssue() });
  await annotate.getByRole("button", { name: "wrong tool" }).click();
  await annotate.getByRole("textbox", { name: "Comment" }).fill("should have asked which Paris");
  await annotate.getByTestId("save-annotation").click();
  await expect(annotate).toHaveCount(0);
  const step1 = page.locator('li:has([data-testid="step"][data-step="1"])');
  // the button under the current step opens the same form
  await expect(page.getByTestId("annotate-step")).toHaveCount(1);
  await expect(step1.getByTestId("annotate-step")).toBeVisible();
  await expect(step1.getByTestId("step-annotation")).toContainText(`${stepIssue()}: wrong tool · should have asked which Paris`);
  await expect(step1.getByTestId("step")).toContainText("1 note");
  await expect(page.getByTestId("timeline").locator('[data-step="1"] [data-testid="timeline-annotation"]')).toHaveCount(1);

  // the screen at 390 px with the annotation and the form: nothing scrolls sideways, nothing serious for axe
  await page.screenshot({ path: "test-results/screenshots/labels-queue-item.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await overflow(page)).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/phone/labels-queue-item.png", fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  // answer from the keyboard: 2 is "curt", a accepts, Enter saves and moves on
  await page.locator("main h1").click();
  await page.keyboard.press("2");
  await expect(toneInput.getByRole("button", { name: /curt/ })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("a");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/review\?finished=/);

  // after a reload: the annotation, the named score in the history, and a form that starts from the review
  await page.goto(`/trajectories/${seeded.fresh}`);
  await expect(page.locator('li:has([data-testid="step"][data-step="1"])').getByTestId("step-annotation")).toContainText("should have asked which Paris");
  await expect(page.getByTestId("review").first().getByTestId("review-scores")).toHaveText(`${tone()}: curt`);
  await expect(page.getByTestId("label-form").locator(`[data-config="${tone()}"]`).getByRole("button", { name: /curt/ })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByTestId("label-accepted")).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+N");
  await expect(page).toHaveURL(/[?&]step=1\b/);
  await page.keyboard.press("Home");
  await page.keyboard.press("n");
  await expect(page).toHaveURL(/[?&]step=1\b/);
  await context.close();
});

test("labels: tags can be taken off, and a later review without a tag removes it", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/trajectories/${seeded.accepted}`);
  const tags = page.getByTestId("label-form").getByLabel("Tags");
  await tags.fill("keep-me drop-me");
  await page.locator("main h1").click();
  await page.keyboard.press("a");
  await page.getByTestId("save-review").click();
  await expect(page.getByTestId("review").first()).toContainText("tags: keep-me, drop-me");

  await page.reload();
  await expect(tags).toHaveValue("drop-me keep-me");
  await tags.fill("keep-me");
  await page.getByTestId("save-review").click();
  await expect(page.getByTestId("review").first()).toContainText("took off: drop-me");
  await page.reload();
  await expect(tags).toHaveValue("keep-me");
  await page.goto(`/trajectories?tag=drop-me&q=${seeded.marker}`);
  await expect(page.getByTestId("trajectory-row")).toHaveCount(0);
});
