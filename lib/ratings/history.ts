// Reading a platform's rating snapshots over days: the latest one and its scores over a range.
// Every query names the platform and a day range, so it is answered from the unique index
// rating_snapshots_platform_day_uq (platform_id, day, formula_version) without scanning others.
import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import { ratingSnapshots } from "@/db/schema";
import type { Db } from "@/lib/db";
import { DAY_MS } from "@/lib/time/now";
import { FORMULA_VERSION } from "./formula";

export type Snapshot = typeof ratingSnapshots.$inferSelect;
export type DayScore = { day: string; score: number };

/** The UTC day `n` days after `day` (before, when n is negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included, oldest first. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Scores lined up on `days`: null for a day without a snapshot, so charts show the gap. */
export function alignScores(history: readonly DayScore[], days: readonly string[]): (number | null)[] {
  const byDay = new Map(history.map((h) => [h.day, h.score]));
  return days.map((d) => byDay.get(d) ?? null);
}

/** The two reads, with placeholders (exported so a test can check their query plans). */
export function snapshotQueries(db: Db) {
  const platformId = sql.placeholder("platformId");
  return {
    latest: db
      .select()
      .from(ratingSnapshots)
      .where(and(eq(ratingSnapshots.platformId, platformId), eq(ratingSnapshots.formulaVersion, FORMULA_VERSION)))
      .orderBy(desc(ratingSnapshots.day))
      .limit(1),
    history: db
      .select({ day: ratingSnapshots.day, score: ratingSnapshots.score })
      .from(ratingSnapshots)
      .where(
        and(
          eq(ratingSnapshots.platformId, platformId),
          gte(ratingSnapshots.day, sql.placeholder("from")),
          lte(ratingSnapshots.day, sql.placeholder("to")),
          eq(ratingSnapshots.formulaVersion, FORMULA_VERSION),
        ),
      )
      .orderBy(ratingSnapshots.day),
  };
}

// Prepared once per connection: the league asks these for every platform on every request, and
// building the SQL each time cost more than running it.
function prepare(db: Db) {
  const q = snapshotQueries(db);
  return { latest: q.latest.prepare(), history: q.history.prepare() };
}

const prepared = new WeakMap<object, ReturnType<typeof prepare>>();
function statements(db: Db) {
  let s = prepared.get(db.$client);
  if (!s) prepared.set(db.$client, (s = prepare(db)));
  return s;
}

export function latestSnapshot(db: Db, platformId: number): Snapshot | null {
  return statements(db).latest.get({ platformId }) ?? null;
}

/** The platform's scores from `from` to `to` (both included), oldest first. */
export function scoreHistory(db: Db, platformId: number, from: string, to: string): DayScore[] {
  return statements(db).history.all({ platformId, from, to });
}
