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
