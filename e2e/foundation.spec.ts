import { expect, test } from "@playwright/test";
import { ADMIN, overflow, seriousViolations, signInAsAdmin } from "./helpers";

const PAGES = ["Dashboard", "Sources", "Tools", "Categories", "Agents", "Tasks", "Runs", "Trajectories", "Review", "Datasets", "Settings"];

test.describe.configure({ mode: "serial" });

test("a first visit creates the admin; sign out and sign in again", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  // the first page anyone sees fits a phone and passes axe
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await overflow(page), "setup scrolls sideways at 390 px").toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(ADMIN.name);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in$/); // there is an admin already

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password")).toBeVisible();

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(ADMIN.name);
});

test("every page of the shell opens from the navigation", async ({ page }) => {
  await signInAsAdmin(page);
  const nav = page.getByRole("navigation", { name: "Pipeline" });
  for (const label of PAGES) {
    await nav.getByRole("link", { name: label, exact: true }).click();
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(label);
  }
  await expect(page.getByTestId("offline-banner")).toBeVisible();
});

test("a trial run shows live progress up to 100%", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/runs");
  await page.getByRole("button", { name: "Start trial run" }).click();
  // other runs (the demo workspace's) may be going on too: follow the trial run's own row
  const row = page.getByTestId("run-row").filter({ hasText: "Trial run" }).first();
  await expect(row).toHaveAttribute("data-status", /queued|running/);
  await expect(row).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(row).toHaveAttribute("data-percent", "100");
  await expect(row.getByText("20 / 20 · 100%")).toBeVisible();
});

test("a signed-out visitor is sent to sign in, and the runs API refuses them", async ({ page, request }) => {
  await page.goto("/runs");
  await expect(page).toHaveURL(/\/sign-in$/);
  const res = await request.get("/api/runs");
  expect(res.status()).toBe(401);
});
