// One process, one port: /api/v1 is answered by the lean HTTP layer in lib/api, everything else by
// Next.js. `npm start` runs it in production, `npm run dev` in development, `npm run demo` with a
// generated secret and demo data.
import { createServer } from "node:http";
import next from "next";
import { handleApiRequest, isApiRequest } from "@/lib/api/handle-request";
import { demoAuthSecret } from "@/lib/auth/demo-secret";
import { getDb, getSqlite } from "@/lib/db";
import { databasePath } from "@/lib/db/database-path";
import { applyMigrations } from "@/lib/db/open";
import { env } from "@/lib/env";

async function main() {
  const demo = process.argv.includes("--demo");
  const dev = process.argv.includes("--dev");
  const config = env();
  const databaseFile = databasePath(config.DATABASE_URL);

  if (!process.env.AUTH_SECRET) {
    if (demo || dev) {
      process.env.AUTH_SECRET = demoAuthSecret(databaseFile);
    } else {
      console.error("AUTH_SECRET is required in production: set it to a random string of 32+ characters,");
      console.error("for example: export AUTH_SECRET=$(openssl rand -base64 32)");
      process.exit(1);
    }
  }

  applyMigrations(getDb());
  if (demo) {
    const { seedIfEmpty } = await import("@/db/seed-if-empty");
    await seedIfEmpty(getDb());
  }

  const app = next({ dev, hostname: "0.0.0.0", port: config.PORT });
  const handleNext = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    if (isApiRequest(req.url)) return handleApiRequest(req, res);
    void handleNext(req, res);
  });
  if (dev) server.on("upgrade", app.getUpgradeHandler());

  server.listen(config.PORT, () => {
    console.log(`Linkdesk ${dev ? "(development) " : ""}listening on http://localhost:${config.PORT}`);
    console.log(`database: ${databaseFile}`);
  });

  const shutdown = () => {
    server.close(() => {
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
