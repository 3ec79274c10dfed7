import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

// `npm start` on an empty studio builds the demo workspace with the real
// pipeline on the offline provider; a newcomer can click through every page.
test("the demo workspace fills every stage of the pipeline", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAsAdmin(page);
  await expect(async () => {
    const res = await page.request.get("/api/runs"); // with the signed-in page's cookies
    const { runs } = (await res.json()) as { runs: { kind: string; status: string; message: string | null }[] };
    const demo = runs.find((r) => r.kind === "demo");
    expect(demo?.status, demo?.message ?? "no demo run").toBe("succeeded");
  }).toPass({ timeout: 200_000, intervals: [2_000] });

  for (const path of ["/sources", "/tools", "/categories", "/agents", "/tasks", "/trajectories"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("empty-state"), `${path} has data`).toHaveCount(0);
    await page.screenshot({ path: `test-results/screenshots${path}.png`, fullPage: true });
  }

  await page.goto("/");
  for (const label of ["sources", "tools", "categories", "agents", "tasks", "trajectories"]) {
    const value = Number((await page.getByTestId(`count-${label}`).innerText()).replace(/,/g, ""));
    expect(value, `${label} on the dashboard`).toBeGreaterThan(0);
  }
  await expect(page.getByTestId("offline-banner")).toBeVisible();
});
