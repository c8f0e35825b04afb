// `npm run db:restore -- <file>`: replaces DATABASE_URL's database with a backup made by db:backup
// (lib/db/backup.ts). STOP THE SERVER FIRST: the restore takes the database's exclusive lock and
// refuses while any process has it open. The backup is checked (integrity, migrations, audit chain)
// before anything is touched; the replacement is atomic (temporary file in the same directory,
// fsync, rename; the old -wal/-shm are removed); a `database.restored` audit event, by the system,
// records the backup's file name and chain head.
import path from "node:path";
import { BackupError, progressPrinter, restoreDatabase } from "@/lib/db/backup";
import { databasePath } from "@/lib/db/database-path";
import { env } from "@/lib/env";

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    throw new BackupError("Usage: npm run db:restore -- <backup file>   (stop the server first)");
  }
  const target = databasePath(env().DATABASE_URL);
  const backup = path.resolve(args[0]!);
  const started = performance.now();
  console.log(`checking ${backup} …`);
  const result = await restoreDatabase(backup, target, progressPrinter());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { chain, counts } = result.backup;
  console.log(`backup ok: integrity check ok; ${result.backup.migrations} migrations; audit chain intact: ${chain.events} events, head ${chain.headSeq} ${chain.headHash}`);
  console.log(`  rows: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")}`);
  console.log(`${result.replaced ? "replaced" : "created"} ${result.target} with it in ${seconds} s (old -wal/-shm removed)`);
  console.log(`recorded audit event ${result.restoredEvent.seq} database.restored (head now ${result.restoredEvent.hash})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof BackupError ? `db:restore: ${error.message}\nnothing was changed.` : error);
  process.exitCode = 1;
});
