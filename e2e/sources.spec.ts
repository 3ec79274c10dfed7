import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./helpers";

// Sources are managed on their page: a stdio command that is not on the
// studio's machine is refused when saved; a source is edited, disabled and
// deleted (its tools stay).

const stamp = Date.now().toString(36);

test("a stdio source with a missing command is refused; one that exists is edited, disabled, enabled and deleted", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/sources");
  const add = page.getByTestId("add-source-form");
  const name = `e2e-src-${stamp}`;
  await add.getByLabel("Name").fill(name);
  // uvx is on the allowed list by default but not installed here
  await add.getByRole("textbox", { name: /^Command/ }).fill("uvx");
  await add.getByLabel("Arguments").fill("mcp-server-time");
  await add.getByRole("button", { name: "Add source" }).click();
  await expect(add.getByText(/Not saved: the command "uvx" was not found on the studio's machine/)).toBeVisible();
  await expect(add.getByLabel("Name")).toHaveValue(name); // kept to correct, not retyped
  await expect(page.getByTestId("source-row").filter({ hasText: name })).toHaveCount(0);

  await add.getByRole("textbox", { name: /^Command/ }).fill("node");
  await add.getByLabel("Arguments").fill("server.js");
  await add.getByRole("button", { name: "Add source" }).click();
  await expect(add.getByText(`Added ${name}`)).toBeVisible();
  const row = page.locator(`[data-testid="source-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();

  await row.getByText("Edit settings").click();
  const edit = row.getByTestId("edit-source-form");
  await expect(edit.getByRole("textbox", { name: /^Command/ })).toHaveValue("node");
  await edit.getByRole("textbox", { name: /^Command/ }).fill("uvx");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText(/Not saved: the command "uvx" was not found/)).toBeVisible();
  await edit.getByRole("textbox", { name: /^Command/ }).fill("node");
  await edit.getByLabel("Arguments").fill("other-server.js");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row.getByText(`Saved ${name}`)).toBeVisible();
  await expect(row).toContainText("node other-server.js");

  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toHaveAttribute("data-disabled", "true");
  await expect(row.getByRole("button", { name: "Harvest now" })).toBeDisabled();
  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row).toHaveAttribute("data-disabled", "false");

  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(`Delete the source ${name}? Its settings go; its 0 tools stay in the catalogue`);
    void dialog.accept();
  });
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(row).toHaveCount(0);
});
