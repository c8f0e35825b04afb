import { expect } from "vitest";
import { ActionError } from "@/lib/auth/action-result";
import { getDb, getSqlite } from "@/lib/db";
import { applyMigrations } from "@/lib/db/open";

/** The test file's own database (see setup.ts), migrated. */
export function testDatabase() {
  const db = getDb();
  applyMigrations(db);
  return { db, sqlite: getSqlite() };
}

/** Row counts of every table: a refused action must leave all of them as they were. */
export function tableCounts(): Record<string, number> {
  const sqlite = getSqlite();
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]),
  );
}

/** Every row of every table, for "nothing changed" checks that also catch updates. */
export function databaseDump(): string {
  const sqlite = getSqlite();
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  return JSON.stringify(tables.map(({ name }) => [name, sqlite.prepare(`select * from "${name}" order by rowid`).all()]));
}

/** Runs something that must be refused: returns the ActionError, and fails if any row changed. */
export function refusedWithoutWrites(run: () => unknown): ActionError {
  const before = databaseDump();
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ActionError);
  // A boolean rather than a diff: the dump is the whole database.
  expect(databaseDump() === before, "the refused call changed the database").toBe(true);
  return caught as ActionError;
}
