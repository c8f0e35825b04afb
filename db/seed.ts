// `npm run db:seed [-- --reset]`: loads the deterministic demo data into DATABASE_URL.
//
// Refuses a database that already has staff accounts. With --reset it deletes the database file
// (and its -wal/-shm companions) first: the audit trail refuses DELETE, so starting over means a
// new file. SEED_NOW (an ISO-8601 time) fixes the demo's "now"; by default it is the current hour.
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { getDb, getSqlite } from "@/lib/db";
import { databasePath } from "@/lib/db/database-path";
import { applyMigrations } from "@/lib/db/open";
import { env } from "@/lib/env";
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_VERDICT_EXAMPLES, demoStaff, seedDemo } from "./seed-demo";

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

class UsageError extends Error {}

function seedNow(): Date {
  const raw = process.env.SEED_NOW;
  if (raw === undefined || raw.trim() === "") {
    const now = new Date();
    now.setUTCMinutes(0, 0, 0);
    return now;
  }
  const value = raw.trim();
  const ms = Date.parse(value);
  if (!ISO_8601.test(value) || !Number.isFinite(ms)) {
    throw new UsageError(`SEED_NOW must be an ISO-8601 time such as 2026-11-24T08:00:00Z; got "${raw}".`);
  }
  return new Date(ms);
}

function deleteDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--reset");
  if (unknown.length > 0) throw new UsageError(`Unknown argument ${unknown.join(" ")}. Usage: npm run db:seed [-- --reset]`);
  const reset = args.includes("--reset");
  const now = seedNow();
  const file = databasePath(env().DATABASE_URL);

  if (reset) {
    if (file === ":memory:") throw new UsageError("--reset needs a database file, not :memory:.");
    // Deleted before anything reads it: a file from another version of the schema need not migrate.
    if (fs.existsSync(file)) {
      deleteDatabaseFiles(file);
      console.log(`deleted ${file}`);
    }
  }
  applyMigrations(getDb());
  const staff = getDb().get<{ n: number }>(sql`select count(*) as n from users`).n;
  if (staff > 0) {
    throw new UsageError(
      `${file} already has ${staff} staff account(s); the demo data is only loaded into an empty database.\n` +
        "Run `npm run db:seed -- --reset` to DELETE this database file and load the demo data into a new one.",
    );
  }

  const started = performance.now();
  const summary = await seedDemo(getDb(), { now });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  getSqlite().close();

  console.log(`demo data loaded into ${file} in ${seconds} s (now = ${summary.now})`);
  console.table(summary);
  console.log(`demo logins (password "${DEMO_PASSWORD}"):`);
  for (const s of demoStaff) console.log(`  ${s.role.padEnd(9)} ${s.email.padEnd(26)} ${s.name}`);
  console.log(`demo API key: ${DEMO_API_KEY}`);
  console.log("demo verdict examples (GET /api/v1/links/verdict?url=…):");
  for (const [name, url] of Object.entries(DEMO_VERDICT_EXAMPLES)) console.log(`  ${name.padEnd(22)} ${url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `db:seed: ${error.message}` : error);
  process.exitCode = 1;
});
