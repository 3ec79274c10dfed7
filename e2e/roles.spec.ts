import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

const VIEWER = { name: "Vera Viewer", email: "vera@studio.test", password: "viewer password" };

test("an admin adds a viewer, who can read but not start or cancel runs", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/settings");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  await form.getByLabel("Name").fill(VIEWER.name);
  await form.getByLabel("Email").fill(VIEWER.email);
  await form.getByLabel("Password").fill(VIEWER.password);
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${VIEWER.email} as viewer`)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/sign-in"); // a fresh page: typing into one still settling after the redirect can be lost
  await page.getByLabel("Email").fill(VIEWER.email);
  await page.getByLabel("Password").fill(VIEWER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(VIEWER.name);

  await page.goto("/runs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Runs");
  await expect(page.getByRole("button", { name: "Start trial run" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel" })).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByRole("button", { name: "Add user" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
});
