import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

// A synthetic tool's page says where it came from (the seed tools it was
// evolved from, its category, domain, run, model and prompt version) instead
// of an internal key holding a category id.

test("a synthetic tool names its seed tools, category, domain, run, model and prompt, with links", async ({ page }) => {
  test.setTimeout(300_000);
  await signInAsAdmin(page);
  const firstSynthetic = page.getByTestId("tool-table").locator('a[href^="/tools/"]').first();
  await expect(async () => {
    await page.goto("/tools?origin=synthetic");
    await expect(firstSynthetic).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 240_000, intervals: [3_000] });
  await firstSynthetic.click();
  await expect(page).toHaveURL(/\/tools\/\w+$/);

  await expect(page.locator("main")).not.toContainText("synthetic/");
  const origin = page.getByTestId("synthetic-origin");
  await expect(origin).toBeVisible();
  await expect(origin).toContainText("Domain");
  await expect(origin).toContainText("tools-v1");
  await expect(origin).not.toContainText("not recorded");
  await expect(origin.getByTestId("origin-run")).toHaveAttribute("href", /^\/runs\/[a-z0-9]+$/);
  const category = origin.getByTestId("origin-category");
  await expect(category).toHaveAttribute("href", /^\/tools\?categoryId=/);

  // on a phone the card fits the width
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(origin).toBeVisible();
  expect(await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth))).toBe(0);
  await page.setViewportSize({ width: 1440, height: 900 });

  const seed = origin.getByTestId("seed-tools").getByRole("link").first();
  const seedName = await seed.innerText();
  await seed.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(seedName);

  await page.goBack();
  await origin.getByTestId("origin-run").click();
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  await expect(page.getByTestId("run-config")).toBeVisible();
});
