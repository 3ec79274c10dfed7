import { expect, test } from "@playwright/test";
import { seedReviewTrajectories, type SeededReview } from "./fixtures/review-seed";
import { ADMIN, signInAsAdmin } from "./helpers";

// Bulk accept/reject asks first, naming how many trajectories it will
// review, takes a note for the audit trail (kept with each review), and can be
// undone: the undo appends each trajectory's earlier verdict.

let seeded: SeededReview;
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsAdmin(page); // creates the first admin when this spec runs alone
  await page.close();
  seeded = await seedReviewTrajectories(ADMIN.email);
});

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${size.width} px a bulk reject is confirmed with its count and a note, and undone`, async ({ page }) => {
    await page.setViewportSize(size);
    await signInAsAdmin(page);
    await page.goto(`/trajectories?human=any&q=${seeded.marker}`);
    const rows = page.getByTestId("trajectory-row");
    const accepted = page.locator(`[data-testid="trajectory-row"][data-id="${seeded.accepted}"]`);
    await expect(accepted).toHaveAttribute("data-effective", "accepted");
    const n = await rows.count();
    await page.getByLabel("Select every trajectory on this page").check();
    const bulk = page.getByTestId("bulk-actions");

    // nothing happens before the confirmation, and Cancel changes nothing
    await bulk.getByRole("button", { name: "Reject…" }).click();
    const dialog = page.getByRole("dialog", { name: `Reject ${n} trajectories?` });
    await expect(dialog).toBeVisible();
    await expect(accepted).toHaveAttribute("data-effective", "accepted");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(accepted).toHaveAttribute("data-effective", "accepted");

    const note = `bulk reject in the e2e run at ${size.width} px`;
    await bulk.getByRole("button", { name: "Reject…" }).click();
    await dialog.getByLabel("Note for the audit trail").fill(note);
    await dialog.getByRole("button", { name: `Reject ${n} trajectories` }).click();
    await expect(bulk.getByRole("status")).toContainText(`Marked ${n} trajectories rejected`);
    await expect(accepted).toHaveAttribute("data-effective", "rejected");

    await bulk.getByRole("button", { name: "Undo" }).click();
    await expect(bulk.getByRole("status")).toContainText("Restored the earlier verdict of");
    await expect(accepted).toHaveAttribute("data-effective", "accepted");

    // the note is kept with the review, beside the one that undid it
    await page.goto(`/trajectories/${seeded.accepted}`);
    await expect(page.getByText(note)).toBeVisible();
    await expect(page.getByText(/^Undoes the bulk reject/).first()).toBeVisible();
    expect(await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth))).toBe(0);
  });
}
