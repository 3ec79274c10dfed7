import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

test("import a file, export a dataset version, download its files", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/datasets");
  await expect(page.getByTestId("empty-state")).toContainText("No datasets yet");

  await page
    .getByLabel("Trajectory file (.jsonl, .json, .traj)")
    .setInputFiles(path.join(import.meta.dirname, "../test/fixtures/trajectories/messy-openai.jsonl"));
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByText("Import started.")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/Imported 9 of 9 records/)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  const exportForm = page.locator("section").filter({ hasText: "Export a dataset version" });
  await exportForm.getByLabel("Dataset name").fill("imported-set");
  await exportForm.getByLabel("Effective verdict").selectOption("any");
  await exportForm.getByLabel("Validation split (% of tasks)").fill("30");
  await exportForm.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByText("Export started.")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Wrote imported-set v1")).toBeVisible({ timeout: 1000 });
    await expect(page.getByRole("link", { name: "train.jsonl" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.getByText("Dataset card", { exact: true }).click();

  const href = await page.getByRole("link", { name: "train.jsonl" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  const lines = (await res.text()).trim().split("\n");
  expect(lines.length).toBeGreaterThan(0);
  expect(JSON.parse(lines[0])).toHaveProperty("messages");

  const anonymous = await page.context().browser()!.newContext();
  const denied = await anonymous.request.get(new URL(href!, page.url()).toString());
  expect(denied.status()).toBe(401);
  const bad = await page.request.get(href!.replace("train.jsonl", "..%2F..%2Fpg-url"));
  expect(bad.status()).toBe(404);
});

test("an export shows its run ending and its version without a reload, picks runs and agents by name, and keeps the form as entered", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/datasets");
  const form = page.getByTestId("export-form");
  const name = `kept-${Date.now().toString(36)}`;
  await form.getByLabel("Dataset name").fill(name);
  await form.getByLabel("Format").selectOption("trl");
  await form.getByLabel("Effective verdict").selectOption("any");
  // the import above made a run; pick it by what it is, not by its id
  const runs = form.getByTestId("multi-picker").filter({ hasText: "Only these runs" });
  await runs.getByLabel("Search only these runs").fill("Import");
  await runs.getByRole("checkbox").first().check();
  await expect(runs.getByRole("button", { name: /^Remove Import trajectories/ })).toBeVisible();
  await form.getByRole("button", { name: "Export", exact: true }).click();
  await expect(form.getByText("Export started.")).toBeVisible();

  // what was entered is still there
  await expect(form.getByLabel("Dataset name")).toHaveValue(name);
  await expect(form.getByLabel("Format")).toHaveValue("trl");
  await expect(runs.getByRole("button", { name: /^Remove Import trajectories/ })).toBeVisible();
  // no reload: the run ends on screen and its version appears
  const run = page.getByTestId("dataset-run").filter({ hasText: "Export a dataset" }).first();
  await expect(run).toHaveAttribute("data-status", /succeeded|partial/, { timeout: 30_000 });
  await expect(page.getByText(`Wrote ${name} v1`)).toBeVisible({ timeout: 10_000 });
});
