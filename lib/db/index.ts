// The process-wide database handle. The custom server and Next's bundled server code are two copies
// of this module in one process; caching the connection on globalThis gives both the same one.
import type Database from "better-sqlite3";
import { env } from "@/lib/env";
import { databasePath } from "./database-path";
import { type Db, openSqlite, wrap } from "./open";

type Cache = { sqlite: Database.Database; db: Db; url: string };
const globalCache = globalThis as unknown as { __linkdeskDb?: Cache };

function connection(): Cache {
  // Compared by the configured URL, not the resolved path: this runs on every API request.
  const url = env().DATABASE_URL;
  const cached = globalCache.__linkdeskDb;
  if (cached && cached.url === url && cached.sqlite.open) return cached;
  const sqlite = openSqlite(databasePath(url));
  const fresh = { sqlite, db: wrap(sqlite), url };
  globalCache.__linkdeskDb = fresh;
  return fresh;
}

export function getDb(): Db {
  return connection().db;
}

export function getSqlite(): Database.Database {
  return connection().sqlite;
}

export type { Db } from "./open";
