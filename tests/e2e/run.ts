// `npm run test:e2e`: makes sure Chromium is there, builds the app, and runs Playwright against
// the built server (started by the Playwright config on a database of its own).
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./chromium";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const chromium = ensureChromium();
if (process.env.E2E_SKIP_BUILD !== "1") run("npm", ["run", "build"]); // Next, then the bundled server (build-server.mjs)
run("npx", ["playwright", "test", "-c", "tests/e2e/playwright.config.ts", ...process.argv.slice(2)], {
  ...process.env,
  CHROMIUM_PATH: chromium,
});
