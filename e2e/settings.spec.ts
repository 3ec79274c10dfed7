import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

// Names of our own, so rows other specs (or the demo workspace) made never get in the way.
const stamp = Date.now().toString(36);

async function openJudgeForm(page: Page) {
  await page.getByTestId("llm-role-judge").getByRole("button", { name: "Edit judge" }).click();
  return page.getByTestId("llm-role-form-judge");
}

test("an admin changes the judge's model and the price table, and no key reaches the page", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Models" })).toBeVisible();

  // A role's model, kept across a reload; a bad value is refused next to its field.
  const judgeModel = `e2e-judge-${stamp}`;
  let form = await openJudgeForm(page);
  await form.getByLabel("Model").fill(judgeModel);
  await form.getByLabel("Temperature").fill("5");
  await form.getByRole("button", { name: "Save judge" }).click();
  await expect(form.locator('[data-field-error="temperature"]')).toBeVisible();
  await expect(form.getByLabel("Model")).toHaveValue(judgeModel); // the rejected entry stays on screen
  await form.getByLabel("Temperature").fill("0.2");
  await form.getByRole("button", { name: "Save judge" }).click();
  await expect(form.getByText("Saved the judge role")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("llm-role-judge").getByTestId("llm-role-model")).toHaveText(judgeModel);
  form = await openJudgeForm(page);
  await expect(form.getByLabel("Temperature")).toHaveValue("0.2");

  // Put the judge back on the environment's settings, so later specs find the studio as it was.
  await form.getByRole("button", { name: "Reset to environment" }).click();
  await expect(form.getByText("follows the environment again")).toBeVisible();
  await expect(page.getByTestId("llm-role-judge").getByTestId("llm-role-model")).not.toHaveText(judgeModel);

  // A price row: refused when negative, then added, kept, and deleted.
  const priced = `e2e-model-${stamp}`;
  const add = page.getByRole("form", { name: "Add a price" });
  await add.getByLabel("Model").fill(priced);
  await add.getByLabel("Input $ / M tokens").fill("-1");
  await add.getByLabel("Output $ / M tokens").fill("2.5");
  await add.getByRole("button", { name: "Add price" }).click();
  await expect(add.getByText("A price cannot be negative")).toBeVisible();
  await add.getByLabel("Input $ / M tokens").fill("0.6");
  await add.getByRole("button", { name: "Add price" }).click();
  await expect(add.getByText(`Saved the price of ${priced}`)).toBeVisible();
  await page.reload();
  const row = page.getByRole("form", { name: `Price of ${priced}` });
  await expect(row.getByLabel("Input $ / M tokens")).toHaveValue("0.6");
  await expect(row.getByLabel("Output $ / M tokens")).toHaveValue("2.5");

  // Keys stay in the environment: no field for one, nothing shaped like one in the served page.
  await expect(page.locator('[name="apiKey" i], [name="api_key" i], [id="apiKey" i]')).toHaveCount(0);
  const served = await page.request.get("/settings");
  expect(served.ok()).toBe(true);
  const html = await served.text();
  expect(html).toContain(priced); // the signed-in page itself, not a redirect
  expect(html).not.toMatch(/\bsk-[A-Za-z0-9_-]{8,}/);
  expect(html).not.toMatch(/\bapiKey\b/);

  await row.getByRole("button", { name: "Delete" }).click();
  await expect(row).toHaveCount(0);
});

test("Settings says how MCP servers are confined, and an admin adds a stdio source with the folders and network it may use", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/settings");
  await expect(page.getByTestId("mcp-confinement")).toContainText(/bubblewrap|minimal-env/);

  await page.goto("/sources");
  const form = page.getByTestId("add-source-form");
  const name = `notes-${stamp}`;
  await form.getByRole("textbox", { name: /^Name/ }).fill(name);
  await form.getByRole("textbox", { name: /^Command/ }).fill("node");
  await form.getByRole("textbox", { name: /^Arguments/ }).fill("/srv/notes/index.js");
  await form.getByRole("textbox", { name: /^Folders it may read/ }).fill("/srv/notes");
  await form.getByRole("textbox", { name: /^Folders it may change/ }).fill("/srv/notes/db");
  await form.getByRole("checkbox", { name: /^Needs the network/ }).check();
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(form.getByText(`Added ${name}`)).toBeVisible();
  await expect(page.getByText("node /srv/notes/index.js · reads /srv/notes · writes /srv/notes/db · network")).toBeVisible();
});
