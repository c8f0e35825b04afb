// The clock and the reads the rating refresher's tests share: a fixed rating day and small queries on
// the test database's rating tables.
import type Database from "better-sqlite3";

export const now = new Date("2026-11-24T08:00:00.000Z");
export const today = "2026-11-24";
/** The moment `minutes` after `now`. */
export const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

export function ratingReads(sqlite: Database.Database) {
  const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
  return {
    one,
    count: (query: string, ...params: unknown[]) => one<{ n: number }>(query, ...params).n,
    /** The platforms marked for the refresher, with their generations. */
    marks: () => sqlite.prepare("select platform_id as platformId, generation from rating_stale_platforms order by platform_id").all() as { platformId: number; generation: number }[],
  };
}
