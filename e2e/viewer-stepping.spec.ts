import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

// Stepping through a long trajectory with the keyboard, on a desktop and on a
// phone: the current step always lands below the sticky timeline and
// controls, steps are counted from 1, and the controls keep their layout up
// to the last step.

const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function waitForDemo(page: Page) {
  await expect(async () => {
    const res = await page.request.get("/api/runs");
    const { runs } = (await res.json()) as { runs: { kind: string; status: string }[] };
    expect(runs.find((r) => r.kind === "demo")?.status ?? "no demo run").toMatch(/^(succeeded|failed|cancelled)$/);
  }).toPass({ timeout: 240_000, intervals: [2_000] });
}

/** How far the current step's top edge hides under the sticky header, in CSS pixels (0 when it does not). */
const hiddenUnderSticky = (page: Page) =>
  page.evaluate(() => {
    const sticky = document.querySelector('[data-testid="viewer-sticky"]')!.getBoundingClientRect();
    const step = document.querySelector('[data-testid="step"][aria-current="step"]')!.getBoundingClientRect();
    return Math.max(0, Math.round(sticky.bottom - step.top));
  });

/** Where each of the controls sits, to the pixel. */
const controlsLayout = (page: Page) =>
  page.getByTestId("replay-controls").evaluate((el) =>
    [el, ...el.querySelectorAll("button, select, input, [data-testid=step-position]")].map((c) => {
      const r = c.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.width), Math.round(r.height)].join(",");
    }),
  );

for (const size of SIZES) {
  test(`keyboard stepping at ${size.width} px keeps the current step in view, counts from 1 and never reflows the controls`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await signInAsAdmin(page);
    await waitForDemo(page);
    await page.goto("/trajectories?environment=simulated&sort=steps&dir=desc");
    await page.getByTestId("trajectory-row").first().getByRole("link").first().click();
    const viewer = page.getByTestId("trajectory-viewer");
    await expect(viewer).toHaveAttribute("data-current-step", "0");
    const count = await page.getByTestId("step").count();
    expect(count).toBeGreaterThan(5);

    const position = page.getByTestId("step-position");
    await expect(position).toHaveText(`Step 1 of ${count}`);
    await expect(page.locator('[data-testid="step"][data-step="0"]')).toContainText("#1");
    const layout = await controlsLayout(page);

    for (let i = 1; i < count; i++) {
      await page.keyboard.press("j");
      await expect(viewer).toHaveAttribute("data-current-step", String(i));
      await expect(position).toHaveText(`Step ${i + 1} of ${count}`);
      await expect.poll(() => hiddenUnderSticky(page), `step ${i + 1} hides under the timeline`).toBe(0);
    }
    await expect(page.getByTestId("play")).toHaveText("Replay");
    expect(await controlsLayout(page), "the controls moved at the last step").toEqual(layout);

    // and back up again with k
    for (let i = count - 2; i >= 0; i--) {
      await page.keyboard.press("k");
      await expect(viewer).toHaveAttribute("data-current-step", String(i));
      await expect.poll(() => hiddenUnderSticky(page), `step ${i + 1} hides under the timeline`).toBe(0);
    }
  });
}

test("on a phone the review form is one tap away from any step; on a desktop it sits beside the steps", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsAdmin(page);
  await waitForDemo(page);
  await page.goto("/trajectories?environment=simulated&sort=steps&dir=desc");
  await page.getByTestId("trajectory-row").first().getByRole("link").first().click();
  const form = page.getByTestId("label-form");
  await expect(form).not.toBeInViewport();
  const jump = page.getByTestId("jump-to-review");
  await expect(jump).toBeInViewport();
  await jump.click();
  await expect(form).toBeInViewport();
  // with the form on screen the button steps aside (it would cover the form or the card below it), and comes back above it
  await expect(jump).toBeHidden();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(jump).toBeInViewport();
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(jump).toBeHidden();
});
