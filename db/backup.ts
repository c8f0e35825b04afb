// `npm run db:backup -- <file>`: a consistent copy of DATABASE_URL's database, taken with SQLite's
// online backup API while the server keeps running and writing (lib/db/backup.ts). The copy is
// checked (integrity, migrations, audit chain) before it is given its name; an existing file is
// never overwritten. A backup changes no state, so it is not an audit event.
import path from "node:path";
import { BackupError, backupDatabase, progressPrinter } from "@/lib/db/backup";
import { databasePath } from "@/lib/db/database-path";
import { env } from "@/lib/env";

async function main() {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    throw new BackupError("Usage: npm run db:backup -- <backup file>   (the file must not exist yet)");
  }
  const source = databasePath(env().DATABASE_URL);
  const started = performance.now();
  console.log(`backing up ${source} …`);
  const result = await backupDatabase(source, path.resolve(args[0]!), progressPrinter());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`backup written to ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB) in ${seconds} s`);
  console.log(`  integrity check ok; ${result.migrations} migrations; audit chain intact: ${result.chain.events} events, head ${result.chain.headSeq} ${result.chain.headHash}`);
  console.log(`  rows: ${Object.entries(result.counts).map(([t, n]) => `${t} ${n}`).join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof BackupError ? `db:backup: ${error.message}` : error);
  process.exitCode = 1;
});
