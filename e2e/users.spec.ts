import { expect, test, type Browser } from "@playwright/test";
import { ADMIN, signInAsAdmin } from "./helpers";

// Admins manage people on Settings: roles, deactivation (sessions end at
// once), password resets and live sessions; the last admin is kept.

const stamp = Date.now().toString(36);
const PERSON = { name: `Rita ${stamp}`, email: `rita-${stamp}@studio.test`, password: "reviewer password" };

async function signInAs(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return { context, page };
}

test("an admin changes a role, ends a session, resets a password and deactivates a user, who is signed out at once", async ({ page, browser }) => {
  await signInAsAdmin(page);
  await page.goto("/settings");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add user" }) });
  await form.getByLabel("Name").fill(PERSON.name);
  await form.getByLabel("Email").fill(PERSON.email);
  await form.getByLabel("Password").fill(PERSON.password);
  await form.getByLabel("Role").selectOption("reviewer");
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${PERSON.email} as reviewer`)).toBeVisible();

  // the last admin cannot step down
  const me = page.locator(`[data-testid="user-row"][data-email="${ADMIN.email}"]`);
  if ((await page.getByLabel(/^Role of /).evaluateAll((s) => s.filter((x) => (x as HTMLSelectElement).value === "admin").length)) === 1) {
    await me.getByLabel(`Role of ${ADMIN.name}`).selectOption("viewer");
    await expect(page.getByText(`${ADMIN.name} is the last admin: make someone else admin first`)).toBeVisible();
    await expect(me.getByLabel(`Role of ${ADMIN.name}`)).toHaveValue("admin");
  }

  const row = page.locator(`[data-testid="user-row"][data-email="${PERSON.email}"]`);
  await row.getByLabel(`Role of ${PERSON.name}`).selectOption("viewer");
  await expect(page.getByText(`${PERSON.name} is now viewer`)).toBeVisible();

  // two sessions of the person; the admin ends one, the other lives
  const first = await signInAs(browser, PERSON);
  await expect(first.page.getByTestId("current-user")).toHaveText(PERSON.name);
  const second = await signInAs(browser, PERSON);
  await expect(second.page.getByTestId("current-user")).toHaveText(PERSON.name);
  await page.reload();
  await row.getByText("2 active sessions").click();
  await row.getByTestId("user-session").first().getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("Session ended")).toBeVisible();
  await expect(row.getByText("1 active session", { exact: true })).toBeVisible();

  // a new password: the old one no longer signs in
  await row.getByText("Reset password").click();
  await row.getByLabel(/New password for/).fill("a fresh password");
  await row.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText(`New password set for ${PERSON.name}`)).toBeVisible();
  for (const s of [first, second]) {
    await s.page.goto("/");
    await expect(s.page).toHaveURL(/\/sign-in$/);
    await s.context.close();
  }
  const renewed = await signInAs(browser, { email: PERSON.email, password: "a fresh password" });
  await expect(renewed.page.getByTestId("current-user")).toHaveText(PERSON.name);

  // deactivated: signed out at the next request, and refused at sign-in
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText(`${PERSON.name} is deactivated; 1 session ended`)).toBeVisible();
  await renewed.page.goto("/runs");
  await expect(renewed.page).toHaveURL(/\/sign-in$/);
  await renewed.page.getByLabel("Email").fill(PERSON.email);
  await renewed.page.getByLabel("Password").fill("a fresh password");
  await renewed.page.getByRole("button", { name: "Sign in" }).click();
  await expect(renewed.page.getByText(/deactivated/)).toBeVisible();
  await renewed.context.close();
  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByText(`${PERSON.name} can sign in again`)).toBeVisible();
});
