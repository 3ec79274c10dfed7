import { defineConfig } from "@playwright/test";
import { mkdtempSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// The e2e suite runs against the built studio started exactly as a user
// starts it (`npm start`), with a fresh data folder and embedded PostgreSQL.
const port = Number(process.env.E2E_PORT ?? 3210);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), "studio-e2e-"));
chmodSync(dataDir, 0o755);
process.env.E2E_DATA_DIR = dataDir; // the config is evaluated again in each worker: keep one folder

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // The first-run spec needs a studio with no account yet, so it goes first.
  projects: [
    { name: "first-run", testMatch: /foundation\.spec\.ts/ },
    { name: "features", testIgnore: /foundation\.spec\.ts/, dependencies: ["first-run"] },
  ],
  webServer: {
    command: "npx tsx bin/studio.ts start",
    url: `http://localhost:${port}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: { PORT: String(port), STUDIO_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "" },
  },
});
