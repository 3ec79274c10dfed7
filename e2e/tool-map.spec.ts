import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

// The category map's points open without a mouse: by keyboard (one tab stop,
// arrows between tools, Enter opens) and by touch (a tap names the tool, a
// second tap opens it).

async function waitForMap(page: Page) {
  await expect(async () => {
    await page.goto("/categories");
    await expect(page.getByTestId("tool-map-canvas")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 240_000, intervals: [3_000] });
}

test("a keyboard reaches the map, moves between tools with the arrows and opens one with Enter", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAsAdmin(page);
  await waitForMap(page);
  const canvas = page.getByTestId("tool-map-canvas");
  for (let i = 0; i < 80 && !(await canvas.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(canvas).toBeFocused();
  // the focus is visible
  expect(await canvas.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");

  await page.keyboard.press("ArrowRight");
  const selected = page.getByTestId("map-selected-tool");
  await expect(selected).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  const target = await selected.getAttribute("href");
  expect(target).toMatch(/^\/tools\/\w+/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${target}$`));
});

test("on a touch screen a tap names the nearest tool and a second tap opens it", async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signInAsAdmin(page);
  await waitForMap(page);
  const canvas = page.getByTestId("tool-map-canvas");
  await canvas.scrollIntoViewIfNeeded();
  // the first point drawn, from its path ("M x y h0…" in a 1000 × 620 view box)
  const d = (await canvas.locator("path").first().getAttribute("d"))!;
  const [, x, y] = /^M([\d.]+) ([\d.]+)/.exec(d)!.map(Number);
  const box = (await canvas.boundingBox())!;
  const at = { x: box.x + (x / 1000) * box.width, y: box.y + (y / 620) * box.height };

  await page.touchscreen.tap(at.x, at.y);
  const selected = page.getByTestId("map-selected-tool");
  await expect(selected).toBeVisible();
  const href = (await selected.getAttribute("href"))!;
  await expect(page).toHaveURL(/\/categories/);
  await page.touchscreen.tap(at.x, at.y);
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await context.close();
});
