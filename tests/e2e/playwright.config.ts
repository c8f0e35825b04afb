import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { e2eDatabaseFile, repoRoot as root } from "./paths";

const port = Number(process.env.E2E_PORT ?? 3123);

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts/,
  outputDir: path.join(root, "test-results"),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // A fresh demo database for every run, then the production server as `npm start` runs it.
    command: "npx tsx db/seed.ts --reset && NODE_ENV=production node .next/linkdesk/server.mjs",
    cwd: root,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: `file:${e2eDatabaseFile}`,
      REPORTER_HASH_KEY: randomBytes(24).toString("base64url"),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      SIGN_IN_LOCK_MINUTES: "15",
    },
  },
});
