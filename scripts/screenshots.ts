// Screenshots of the main pages for the README, taken from a running studio:
//   STUDIO_URL=http://localhost:3000 STUDIO_EMAIL=… STUDIO_PASSWORD=… npx tsx scripts/screenshots.ts
// Writes docs/screenshots/<page>.png at a laptop's viewport (1280×800). On a
// studio with no account yet, the given one is created as its first admin.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const base = process.env.STUDIO_URL ?? "http://localhost:3000";
const email = process.env.STUDIO_EMAIL;
const password = process.env.STUDIO_PASSWORD;
if (!email || !password) throw new Error("Set STUDIO_EMAIL and STUDIO_PASSWORD to an account of the studio at STUDIO_URL");

const out = path.resolve(import.meta.dirname, "../docs/screenshots");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, baseURL: base });
  await page.goto("/");
  if (page.url().endsWith("/setup")) {
    // a studio with no account yet: this one becomes its first admin
    await page.getByLabel("Name").fill("Ada Admin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create admin account" }).click();
  } else {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await page.getByTestId("current-user").waitFor();

  const shots: [string, string][] = [
    ["dashboard", "/"],
    ["categories", "/categories"],
    ["agents", "/agents"],
    ["runs", "/runs"],
    ["trajectories", "/trajectories?environment=simulated&sort=steps&dir=desc"],
  ];
  for (const [name, url] of shots) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(out, `${name}.png`) });
  }
  // the viewer, a few steps in, from the first row of the list above
  await page.getByTestId("trajectory-row").first().getByRole("link").first().click();
  await page.getByTestId("trajectory-viewer").waitFor();
  for (let i = 0; i < 3; i++) await page.keyboard.press("j");
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, "trajectory.png") });

  // a state diff: the World card of the first simulated episode whose tools changed its world
  await page.goto("/trajectories?environment=simulated&verdict=any&sort=steps&dir=desc&size=100");
  const ids = await page.getByTestId("trajectory-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
  for (const id of ids) {
    await page.goto(`/trajectories/${id}`);
    await page.getByTestId("trajectory-viewer").waitFor();
    const changed = page.getByTestId("world-changed-step").first();
    if ((await changed.count()) === 0) continue;
    await changed.click();
    await page.waitForTimeout(300);
    await page.getByTestId("world-panel").screenshot({ path: path.join(out, "world.png") });
    break;
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
}
