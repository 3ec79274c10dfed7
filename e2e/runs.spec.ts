import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

// A run has a page of its own: what it is (not its internal kind), its
// items, timings, spend and config, and the controls to stop or resume it.

test("a trial run is named for what it is and opens on its own page with its items and config", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/runs");
  await page.getByLabel("Steps").fill("12");
  await page.getByLabel("ms per step").fill("50");
  // other specs start trial runs too: this one is the row that was not there before
  const before = await page.getByTestId("run-row").evaluateAll((rows) => rows.map((r) => r.id));
  await page.getByRole("button", { name: "Start trial run" }).click();
  const row = page
    .locator(`[data-testid="run-row"]${before.map((id) => `:not([id="${id}"])`).join("")}`)
    .filter({ hasText: "Trial run" })
    .first();
  await expect(row).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("run-row").filter({ hasText: /\bnoop\b/ })).toHaveCount(0);

  await row.getByTestId("run-link").click();
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Trial run [a-z0-9]{8}$/);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded");
  await expect(page.getByTestId("run-counts")).toContainText("12 done, 0 failed of 12");
  await expect(page.getByTestId("run-item")).toHaveCount(12);
  await expect(page.getByTestId("run-config")).toContainText('"steps": 12');
  await expect(page.getByTestId("run-spend")).toContainText("Cost");
  await expect(page).toHaveTitle(/Trial run/);
});

test("a run is cancelled and resumed from its own page, which follows it live", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/runs");
  await page.getByLabel("Steps").fill("400");
  await page.getByLabel("ms per step").fill("200");
  await page.getByRole("button", { name: "Start trial run" }).click();
  const row = page.getByTestId("run-row").filter({ hasText: "Trial run" }).first();
  await expect(row).toHaveAttribute("data-status", "running", { timeout: 30_000 });
  await row.getByTestId("run-link").click();

  const status = page.getByTestId("run-status");
  await expect(status).toHaveText("running");
  const controls = page.getByTestId("run-controls");
  await controls.getByRole("button", { name: "Cancel" }).click();
  await expect(status).toHaveText("cancelled", { timeout: 15_000 });
  await controls.getByRole("button", { name: "Resume" }).click();
  await expect(status).toHaveText(/queued|running/, { timeout: 15_000 });
  await expect(status).toHaveText("running", { timeout: 15_000 });
  // the page follows the run without a reload: the done count grows
  const before = await page.getByTestId("run-counts").innerText();
  await expect(page.getByTestId("run-counts")).not.toHaveText(before, { timeout: 10_000 });
  await controls.getByRole("button", { name: "Cancel" }).click();
  await expect(status).toHaveText("cancelled", { timeout: 15_000 });
});
