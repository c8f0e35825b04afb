// Backup and restore of the database file (`npm run db:backup -- <file>`, `npm run db:restore -- <file>`).
//
// Backup: SQLite's online backup API (better-sqlite3 `db.backup()`) on a connection of its own that
// first opens a read transaction. In WAL mode that transaction is a snapshot: the server keeps writing
// to the WAL meanwhile, the backup copies the pages as they were when it began, and nothing makes it
// start over (a backup without the held snapshot restarts whenever another connection commits, and
// under steady load may never finish). The copy goes to a temporary file next to the destination,
// is checked (integrity, migrations, audit chain), fsynced, and renamed into place.
//
// Restore: the backup is checked the same way BEFORE anything is touched; then the target is locked
// exclusively (a running server holds a lock on it, so this refuses while one is running), the
// backup is copied to a temporary file in the target's directory, fsynced, renamed over the target,
// the old -wal/-shm are removed, and a `database.restored` audit event is appended to the restored
// chain. Any failure before the rename leaves the target as it was.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { verifyAuditChain } from "@/lib/audit/verify";
import { recordAudit } from "@/lib/audit/record";
import { migrationsFolder, openSqlite, wrap } from "./open";

/** A refusal with a message meant for the person at the terminal; nothing was changed. */
export class BackupError extends Error {}

export type Progress = (event: { phase: "copy" | "verify"; done: number; total: number }) => void;

export type DatabaseCheck = {
  bytes: number;
  migrations: number;
  counts: Record<string, number>;
  chain: { events: number; headSeq: number; headHash: string };
};

/** Pages copied per step of the backup (4 MB at the default page size). */
const PAGES_PER_STEP = 1024;
/** Tables whose row counts the commands print. */
const COUNTED_TABLES = ["users", "reports", "cases", "decisions", "verdicts", "audit_events"] as const;
const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** Migrations this version of the app knows (drizzle stores each one's `when` as created_at). */
function knownMigrations(): Set<number> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return new Set(journal.entries.map((e) => e.when));
}

function looksLikeSqlite(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const header = Buffer.alloc(SQLITE_MAGIC.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks that an open database is an intact Linkdesk database: SQLite's integrity check, the
 * migrations table (none newer than this app knows), the core tables, and the audit chain.
 */
export function checkOpenDatabase(
  sqlite: Database.Database,
  label: string,
  onProgress?: Progress,
  options: { knownMigrationsOnly?: boolean } = {},
): Omit<DatabaseCheck, "bytes"> {
  const integrity = sqlite.pragma("integrity_check") as { integrity_check: string }[];
  if (integrity.length !== 1 || integrity[0]!.integrity_check !== "ok") {
    const first = integrity.slice(0, 3).map((r) => r.integrity_check).join("; ");
    throw new BackupError(`${label} fails SQLite's integrity check: ${first}`);
  }
  const tables = new Set(
    (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
  if (!tables.has("__drizzle_migrations")) {
    throw new BackupError(`${label} is a SQLite database but not a Linkdesk one: it has no __drizzle_migrations table`);
  }
  const missing = COUNTED_TABLES.filter((t) => !tables.has(t));
  if (missing.length > 0) {
    throw new BackupError(`${label} is not a Linkdesk database: it has no ${missing.join(", ")} table`);
  }
  const applied = sqlite.prepare("select created_at as at from __drizzle_migrations").all() as { at: number }[];
  if (applied.length === 0) throw new BackupError(`${label} has no migrations applied`);
  const known = knownMigrations();
  const unknown = applied.filter((m) => !known.has(Number(m.at)));
  // Only a restore needs to know them all: the app would then run on a schema it does not know.
  if (options.knownMigrationsOnly && unknown.length > 0) {
    throw new BackupError(`${label} has ${unknown.length} migration(s) this version of Linkdesk does not know: it comes from a newer version`);
  }
  const counts = Object.fromEntries(
    COUNTED_TABLES.map((t) => [t, (sqlite.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]),
  );
  const total = counts.audit_events!;
  const chain = verifyAuditChain(sqlite, (done) => onProgress?.({ phase: "verify", done, total }));
  if (!chain.ok) {
    throw new BackupError(`${label}: the audit chain is broken at sequence ${chain.firstBadSeq} (${chain.reason}); ${chain.verified} events verified before it`);
  }
  return { migrations: applied.length, counts, chain: { events: chain.verified, headSeq: chain.headSeq, headHash: chain.headHash } };
}

/** Opens a file read-only (no -wal/-shm are created next to it) and checks it; see checkOpenDatabase. */
export function checkDatabaseFile(file: string, onProgress?: Progress, options: { knownMigrationsOnly?: boolean } = {}): DatabaseCheck {
  const label = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError(`${file} does not exist`);
  }
  if (!stat.isFile()) throw new BackupError(`${file} is not a file`);
  if (!looksLikeSqlite(file)) throw new BackupError(`${file} is not a SQLite database`);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a SQLite database: ${(error as Error).message}`);
  }
  try {
    return { bytes: stat.size, ...checkOpenDatabase(sqlite, label, onProgress, options) };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a Linkdesk database: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }
}

function fsyncFile(file: string) {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDirectory(dir: string) {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeCompanions(file: string) {
  for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

function temporaryName(target: string, kind: string) {
  return path.join(path.dirname(target), `.${path.basename(target)}.${kind}-${process.pid}-${Date.now()}.tmp`);
}

/**
 * Copies `source` (a connection on which a read transaction is open) page by page into `dest`, a
 * new file, reporting progress; resolves once every page is copied.
 */
async function copyPages(source: Database.Database, dest: string, onProgress?: Progress) {
  const done = await source.backup(dest, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.({ phase: "copy", done: totalPages - remainingPages, total: totalPages });
      return PAGES_PER_STEP;
    },
  });
  onProgress?.({ phase: "copy", done: done.totalPages, total: done.totalPages });
  // The copy keeps the source's journal mode in its header; make it a plain, self-contained file.
  const copy = new Database(dest);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  removeCompanions(dest);
}

export type BackupResult = DatabaseCheck & { file: string; source: string; pageSize: number };

/** A consistent copy of the live database `sourceFile` at `destFile` (which must not exist yet). */
export async function backupDatabase(sourceFile: string, destFile: string, onProgress?: Progress): Promise<BackupResult> {
  const dest = path.resolve(destFile);
  if (sourceFile === ":memory:") throw new BackupError("DATABASE_URL is :memory:; there is no file to back up");
  if (!fs.existsSync(sourceFile)) throw new BackupError(`the database ${sourceFile} does not exist`);
  if (path.resolve(sourceFile) === dest) throw new BackupError("the backup file cannot be the database itself");
  if (fs.existsSync(dest)) throw new BackupError(`${dest} already exists; choose a new file name (a backup never overwrites)`);
  const dir = path.dirname(dest);
  if (!fs.existsSync(dir)) throw new BackupError(`the directory ${dir} does not exist`);

  const temp = temporaryName(dest, "backup");
  // Its own connection, not the server's: only reads. busy_timeout covers a checkpoint's brief lock.
  const source = new Database(sourceFile, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    const pageSize = source.pragma("page_size", { simple: true }) as number;
    // The snapshot: every page the backup copies is read inside this one read transaction.
    source.exec("BEGIN");
    source.prepare("select count(*) from sqlite_master").get();
    try {
      await copyPages(source, temp, onProgress);
    } finally {
      source.exec("COMMIT");
    }
    const check = checkDatabaseFile(temp, onProgress);
    fsyncFile(temp);
    // link + unlink rather than rename: refuses (EEXIST) should the name have been taken meanwhile.
    fs.linkSync(temp, dest);
    fs.rmSync(temp, { force: true });
    fsyncDirectory(dir);
    return { ...check, file: dest, source: sourceFile, pageSize };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    removeCompanions(temp);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup failed, nothing was written to ${dest}: ${(error as Error).message}`);
  } finally {
    source.close();
  }
}

/**
 * Takes the target's exclusive lock, or refuses: a server (or any other process) with the database
 * open holds a shared lock on it for as long as it is open, so this fails while one is running.
 * Returns the connection holding the lock; closing it releases the lock.
 */
export function lockExclusively(target: string): Database.Database {
  const sqlite = new Database(target, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 0");
    sqlite.pragma("locking_mode = EXCLUSIVE");
    sqlite.exec("BEGIN EXCLUSIVE");
    sqlite.prepare("select count(*) from sqlite_master").get();
    return sqlite;
  } catch (error) {
    sqlite.close();
    const code = (error as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      throw new BackupError(
        `${target} is in use: another process (a running Linkdesk server?) has it open. Stop the server, then restore.`,
      );
    }
    throw new BackupError(`${target} cannot be locked for the restore: ${(error as Error).message}`);
  }
}

export type RestoreResult = {
  target: string;
  backup: DatabaseCheck;
  replaced: boolean;
  restoredEvent: { seq: number; hash: string };
};

/**
 * Replaces `targetFile` with the backup `backupFile`. Checks the backup and locks the target first;
 * refuses (BackupError) without changing anything when either fails.
 */
export async function restoreDatabase(backupFile: string, targetFile: string, onProgress?: Progress): Promise<RestoreResult> {
  const backup = path.resolve(backupFile);
  const target = path.resolve(targetFile);
  if (targetFile === ":memory:") throw new BackupError("DATABASE_URL is :memory:; there is no file to restore into");
  if (backup === target) throw new BackupError("the backup file is the database itself");
  const check = checkDatabaseFile(backup, onProgress, { knownMigrationsOnly: true });

  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const replaced = fs.existsSync(target);
  const lock = replaced ? lockExclusively(target) : null;
  const temp = temporaryName(target, "restore");
  try {
    const source = new Database(backup, { readonly: true, fileMustExist: true });
    try {
      source.exec("BEGIN");
      source.prepare("select count(*) from sqlite_master").get();
      await copyPages(source, temp, onProgress);
      source.exec("COMMIT");
    } finally {
      source.close();
    }
    fsyncFile(temp);
    // The old WAL's frames belong to the old database: they must never be applied to the new one,
    // so the -wal/-shm go first (the lock keeps anyone from opening the old file meanwhile).
    removeCompanions(target);
    fs.renameSync(temp, target);
    fsyncDirectory(dir);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    removeCompanions(temp);
    throw error instanceof BackupError ? error : new BackupError(`the restore failed, ${target} is unchanged: ${(error as Error).message}`);
  } finally {
    // Closed after the rename: it holds the old, now unlinked file. In exclusive locking mode it
    // keeps no -shm, and it wrote nothing, so closing it touches nothing of the new file.
    lock?.close();
  }
  removeCompanions(target);

  // A restore replaces state: it is recorded in the restored chain, by the system.
  const sqlite = openSqlite(target);
  try {
    const db = wrap(sqlite);
    const restoredEvent = db.transaction(
      (tx) =>
        recordAudit(tx, {
          actorId: null,
          action: "database.restored",
          targetType: "database",
          targetId: path.basename(target),
          after: {
            source: path.basename(backup),
            bytes: check.bytes,
            headSeq: check.chain.headSeq,
            headHash: check.chain.headHash,
          },
        }),
      { behavior: "immediate" },
    );
    return { target, backup: check, replaced, restoredEvent };
  } finally {
    sqlite.close();
  }
}

/**
 * Progress lines on stderr for the commands: for files over 8 MB (or chains over 100,000 events),
 * at most one line a second per phase, and the last one.
 */
export function progressPrinter(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Progress {
  const last = new Map<string, number>();
  return ({ phase, done, total }) => {
    const large = phase === "copy" ? total * 4096 > 8 * 1024 * 1024 : total > 100_000;
    if (!large) return;
    const now = Date.now();
    if (done < total && now - (last.get(phase) ?? 0) < 1_000) return;
    last.set(phase, now);
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    write(phase === "copy" ? `copying: ${done} of ${total} pages (${percent} %)` : `verifying the audit chain: ${done} of ${total} events (${percent} %)`);
  };
}
