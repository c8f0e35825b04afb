// The cached benchmark databases (bench/data/*.db): when one must be rebuilt, and how to make the
// file safe to copy.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { applyMigrations, migrationsFolder, openSqlite, wrap } from "@/lib/db/open";

/**
 * Whether `file` can be reused: it exists, is newer than its generator (`generatorFile`) and its
 * applied migrations are the first ones of this checkout's journal (same timestamps, in order).
 * Migrations the checkout added since are applied to it, as an installed database is upgraded,
 * instead of generating the data again.
 */
export function isFreshDb(file: string, generatorFile: string): boolean {
  if (!fs.existsSync(file)) return false;
  if (fs.statSync(file).mtimeMs < fs.statSync(generatorFile).mtimeMs) return false;
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
  const sqlite = openSqlite(file);
  try {
    const applied = sqlite.prepare("select created_at as whenMs from __drizzle_migrations order by id").all() as { whenMs: number }[];
    if (applied.length > journal.entries.length) return false;
    if (applied.some((row, i) => Number(row.whenMs) !== journal.entries[i]!.when)) return false;
    if (applied.length < journal.entries.length) applyMigrations(wrap(sqlite));
    return true;
  } catch {
    return false;
  } finally {
    sqlite.close();
  }
}

/** Copies take the main file only: folds anything a connection left in the WAL into it. */
export function checkpointForCopy(file: string): void {
  if (!fs.existsSync(`${file}-wal`) || fs.statSync(`${file}-wal`).size === 0) return;
  const sqlite = new Database(file);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}

/** Copies `source` to `target` and flushes the copy, so the kernel does not write it back during a measurement. */
export function freshCopy(source: string, target: string): void {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.copyFileSync(source, target);
  const fd = fs.openSync(target, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}
