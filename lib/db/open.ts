import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "@/db/schema";
import { registerMigrationFunctions } from "./migration-functions";

export type Db = ReturnType<typeof wrap>;

/** Opens a SQLite file with the settings every Linkdesk connection uses. */
export function openSqlite(file: string): Database.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // FULL makes every acknowledged commit durable across power loss, not just process crashes.
  sqlite.pragma("synchronous = FULL");
  // Statement and savepoint journals (what rolls back one statement, or one complaint of a batch,
  // inside a transaction) in memory rather than in temporary files. They never hold committed data,
  // so durability is unchanged; complaint intake takes half the time per statement.
  sqlite.pragma("temp_store = MEMORY");
  return sqlite;
}

export function wrap(sqlite: Database.Database) {
  return drizzle({ client: sqlite, schema });
}

export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

/** Applies pending migrations; safe to call on every start. */
export function applyMigrations(db: Db): void {
  registerMigrationFunctions(db.$client);
  migrate(db, { migrationsFolder: migrationsFolder() });
}
