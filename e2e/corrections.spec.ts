import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { seedReviewTrajectories, type SeededReview } from "./fixtures/review-seed";
import { ADMIN, signInAsAdmin } from "./helpers";

// Gold corrections as a reviewer makes them: a tool call's wrong argument is
// refused while it does not fit the tool's schema, then stored beside the
// original, and the viewer shows the step's diff.

test.describe.configure({ mode: "serial" });

let seeded: SeededReview;
let reviewer: { name: string; email: string; password: string };
// the seeded trajectory's second call names an argument the tool does not have
const BAD_CALL_STEP = 3;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage();
  await signInAsAdmin(page); // creates the first admin when this spec runs alone
  seeded = await seedReviewTrajectories(ADMIN.email);
  reviewer = { name: `Cora ${seeded.marker}`, email: `cora-${seeded.marker}@studio.test`, password: "reviewer password" };
  await page.goto("/settings");
  const add = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  await add.getByLabel("Name").fill(reviewer.name);
  await add.getByLabel("Email").fill(reviewer.email);
  await add.getByLabel("Password").fill(reviewer.password);
  await add.getByLabel("Role").selectOption("reviewer");
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${reviewer.email} as reviewer`)).toBeVisible();
  await page.close();
});

async function signIn(page: Page, who: { email: string; password: string; name: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(who.name);
}

test("corrections: a reviewer corrects a tool call's argument and sees the diff", async ({ browser }) => {
  // the accessibility scan of a whole trajectory page takes a while on a busy machine
  test.setTimeout(180_000);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, reviewer);
  await page.goto(`/trajectories/${seeded.fresh}?step=${BAD_CALL_STEP}`);
  await expect(page.getByText("Not corrected: exports write the original.")).toBeVisible();

  await page.getByTestId("correct-step").click();
  const form = page.getByTestId("correct-form");
  const args = form.getByLabel("Arguments (JSON)");
  await expect(args).toHaveValue('{"town":"Paris"}');

  // arguments the tool's schema does not allow are refused with the reason, and nothing is stored
  await args.fill('{"town": "Paris"}');
  await form.getByLabel("Why").fill("get_weather takes a city, not a town");
  await form.getByTestId("save-correction").click();
  await expect(form.getByRole("alert")).toContainText("do not fit get_weather's schema");
  await expect(form.getByRole("alert")).toContainText("must have required property 'city'");

  await args.fill('{"city": "Paris"}');
  await form.getByTestId("save-correction").click();
  await expect(form).toHaveCount(0);

  // the step shows the original and the corrected arguments, marked as a human edit
  const step = page.locator("li").filter({ has: page.locator(`[data-testid="step"][data-step="${BAD_CALL_STEP}"]`) });
  const diff = step.getByTestId("correction-diff");
  await expect(diff).toContainText("Human-edited");
  await expect(diff).toContainText("call arguments");
  await expect(diff.getByTestId("diff-before")).toContainText('{"town":"Paris"}');
  await expect(diff.getByTestId("diff-after")).toContainText('{"city": "Paris"}');
  await expect(diff.locator("del")).toHaveText('town":');
  await expect(diff.locator("ins")).toContainText('city":');
  // the original step is still shown as the model wrote it
  await expect(step.getByTestId("tool-call")).toContainText("town");
  await expect(page.getByTestId("correction")).toHaveCount(1);
  await expect(page.getByTestId("correction").first()).toContainText("get_weather takes a city, not a town");
  await expect(page.getByTestId("correction").first()).toContainText(reviewer.name);
  // the edit is before the end: simulating again from the next step, with it in place, is an admin's fork
  await expect(page.getByText(`An admin can re-simulate from step ${BAD_CALL_STEP + 2} with this edit in place.`)).toBeVisible();

  // it is stored: a reload shows the same, and only this step has a diff
  await page.reload();
  await expect(page.getByTestId("correction-diff")).toHaveCount(1);
  await expect(step.getByTestId("correction-diff").getByTestId("diff-after")).toContainText('{"city": "Paris"}');

  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await context.close();
});
