import { expect, test } from "@playwright/test";
import { seedPreferencePair, type SeededPreference } from "./fixtures/preference-seed";
import { signInAsAdmin } from "./helpers";

test.describe.configure({ mode: "serial" });

let seeded: SeededPreference;
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsAdmin(page); // creates the first admin when this spec runs alone
  await page.close();
  seeded = await seedPreferencePair();
});

test("compare a fork with its parent, prefer one with a reason from the keyboard, and export the pair", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/trajectories/compare?a=${seeded.fork}&b=${seeded.parent}`);
  const panel = page.getByTestId("preference-panel");
  await expect(panel).toBeVisible();

  // ? lists the page's shortcuts, the preference keys among them
  await page.keyboard.press("?");
  const overlay = page.getByTestId("shortcuts-overlay");
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText("A is better / B is better / tie");
  await page.keyboard.press("Escape");
  await expect(overlay).toBeHidden();

  await page.keyboard.press("2");
  await expect(panel.getByTestId("prefer-b")).toHaveAttribute("aria-pressed", "true");
  await expect(panel.getByLabel(/Reason/)).toBeFocused();
  await page.keyboard.type("the parent gives the forecast");
  await panel.getByTestId("save-preference").click();
  await expect(panel.getByTestId("preference-history")).toContainText("B is better");
  await expect(panel.getByTestId("preference-history")).toContainText("the parent gives the forecast");
  await page.screenshot({ path: "test-results/screenshots/compare-preference.png", fullPage: true });

  await page.goto("/datasets");
  const form = page.getByTestId("preference-export-form");
  await form.getByLabel("Dataset name").fill(`prefs-${seeded.marker}`);
  await form.getByRole("button", { name: "Export preference pairs" }).click();
  await expect(form.getByRole("status")).toContainText(new RegExp(`Wrote prefs-${seeded.marker} v1: \\d+ pairs`));
});

test("inside a queue item: item N of M, skip for later, back to the previous item", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/review");
  await page.locator(`[data-testid="queue"][data-name="pairs ${seeded.marker}"]`).getByRole("button", { name: "Start reviewing" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/[^/]+/${seeded.parent}($|\\?)`));
  const position = page.getByTestId("queue-position");
  await expect(position).toHaveText("Item 1 of 3");

  await page.keyboard.press("s");
  await expect(page).toHaveURL(new RegExp(`/review/[^/]+/${seeded.fork}($|\\?)`));
  await expect(position).toHaveText("Item 1 of 3");
  await page.keyboard.press("a");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/review/[^/]+/${seeded.other}($|\\?)`));
  await expect(position).toHaveText("Item 2 of 3");

  await page.keyboard.press("?");
  await expect(page.getByTestId("shortcuts-overlay")).toContainText("skip this item for now");
  await page.keyboard.press("Escape");

  await page.keyboard.press("b");
  await expect(page).toHaveURL(new RegExp(`/review/[^/]+/${seeded.fork}($|\\?)`));
  await expect(position).toHaveText("Item 1 of 3");
  await expect(page.getByTestId("label-form")).toBeVisible();
});
