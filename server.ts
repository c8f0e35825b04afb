// One process, one port: /api/v1 is answered by the lean HTTP layer in lib/api, everything else by
// Next.js. `npm start` runs it in production, `npm run dev` in development, `npm run demo` with a
// generated secret and demo data.
import { createServer } from "node:http";
import next from "next";
import { handleApiRequest, isApiRequest } from "@/lib/api/handle-request";
import { demoAuthSecret } from "@/lib/auth/demo-secret";
import { getDb, getSqlite } from "@/lib/db";
import { databasePath } from "@/lib/db/database-path";
import { startBackgroundCheckpoints } from "@/lib/db/background-checkpoints";
import { applyMigrations } from "@/lib/db/open";
import { refreshPlannerStatistics, startPlannerStatistics } from "@/lib/db/planner-statistics";
import { startPriorityRefresh } from "@/lib/queue/refresh-priority";
import { startRatingCatchUp } from "@/lib/ratings/catch-up";
import { startRatingRefresh } from "@/lib/ratings/refresh";
import { env } from "@/lib/env";
import { warmVerdictIndex } from "@/lib/verdicts/live-index";
import { DEMO_REPORTER_KEY } from "@/db/demo/demo-accounts";
import { clientAddress } from "@/lib/api/client-address";

async function main() {
  const demo = process.argv.includes("--demo");
  const dev = process.argv.includes("--dev");
  const config = env();
  const databaseFile = databasePath(config.DATABASE_URL);

  for (const [name, demoValue] of [
    ["AUTH_SECRET", () => demoAuthSecret(databaseFile)],
    ["REPORTER_HASH_KEY", () => DEMO_REPORTER_KEY],
  ] as const) {
    if (process.env[name]) continue;
    if (demo || dev) {
      process.env[name] = demoValue();
    } else {
      console.error(`${name} is required in production: set it to a random string of 32+ characters,`);
      console.error(`for example: export ${name}=$(openssl rand -base64 32)`);
      process.exit(1);
    }
  }

  applyMigrations(getDb());
  // WAL checkpoints on a worker thread, so that no request waits for one (lib/db/background-checkpoints.ts).
  const checkpoints = databaseFile === ":memory:" ? null : startBackgroundCheckpoints(databaseFile, getSqlite());
  startPriorityRefresh(getDb()); // the age part of open cases' priority grows (lib/queue/refresh-priority.ts)
  void startRatingCatchUp(getDb()); // rating snapshots of the days the server was down, in the background (lib/ratings/catch-up.ts)
  startRatingRefresh(getDb()); // today's rating snapshots follow decisions and notice answers (lib/ratings/refresh.ts)
  if (demo) {
    const { seedIfEmpty } = await import("@/db/seed-if-empty");
    await seedIfEmpty(getDb());
  }
  // Verdicts in force in memory before the first lookup (lib/verdicts/live-index.ts).
  const verdictIndex = warmVerdictIndex(getDb());
  // The planner needs statistics to pick the right index on a large queue (lib/db/planner-statistics.ts).
  const analysed = refreshPlannerStatistics(getSqlite());
  const stopStatistics = startPlannerStatistics(getSqlite());

  const app = next({ dev, hostname: "0.0.0.0", port: config.PORT });
  const handleNext = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    // The client's address as the socket saw it (or the proxy said, when trusted); a client-sent
    // header of this name is overwritten, so the portal's per-address limit cannot be dodged.
    req.headers["x-linkdesk-client-ip"] = clientAddress(req, config.TRUST_PROXY === "1");
    if (isApiRequest(req.url)) return void handleApiRequest(req, res);
    void handleNext(req, res);
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler());

  server.listen(config.PORT, () => {
    console.log(`Linkdesk ${dev ? "(development) " : ""}listening on http://localhost:${config.PORT}`);
    console.log(`database: ${databaseFile}${analysed.length > 0 ? ` (planner statistics gathered for ${analysed.join(", ")})` : ""}`);
    console.log(`verdict index: ${verdictIndex.verdicts} verdicts, ${(verdictIndex.bytes / 2 ** 20).toFixed(1)} MiB, built in ${verdictIndex.ms} ms`);
  });

  const shutdown = () => {
    stopStatistics();
    server.close(async () => {
      await checkpoints?.stop();
      getSqlite().close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
