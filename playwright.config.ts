// Browser journeys. Each spec starts the real server itself (e2e/fixtures/server.ts), so there is
// no webServer here and no baseURL.
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/** Debian's Chromium, where installed: Playwright's own browser download is not reachable in CI. */
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || (fs.existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

export default defineConfig({
  testDir: "e2e",
  // 2 cores, and every spec runs its own server processes.
  workers: 1,
  fullyParallel: false,
  // A retry would hide a flaky test; a flaky test is a bug.
  retries: 0,
  forbidOnly: !!process.env.CI,
  // A server start (migrations, Next.js) takes part of this budget.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: { trace: "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: executablePath
          ? {
              executablePath,
              // As root there is no sandbox; the network is closed, so Chromium's background
              // connections would only fail (and slow the start).
              args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
              ],
            }
          : {},
      },
    },
  ],
});
