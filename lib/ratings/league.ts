// The league table of /ratings: every registered platform with its latest snapshot, the override in
// force, its score change over 7 and 30 days and its last 90 days of scores. Read from the
// pre-computed rating_snapshots only (two indexed lookups per platform), never from the decisions.
import { and, asc, desc, eq, gt, isNull, lte } from "drizzle-orm";
import { type Grade, gradeOverrides, platforms } from "@/db/schema";
import type { Db } from "@/lib/db";
import { type DayScore, addDays, alignScores, daysBetween, latestSnapshot, scoreHistory } from "./history";
import { scoreDelta } from "./league-stats";

/** Days of scores behind each row's sparkline, ending on its latest snapshot. */
export const SPARKLINE_DAYS = 90;

export type OverrideInForce = { grade: Grade; reason: string; endsAt: string };

export type LeagueRow = {
  platformId: number;
  slug: string;
  name: string;
  nameZh: string;
  /** The latest snapshot's day; null (and the rest null) for a platform not rated yet. */
  day: string | null;
  score: number | null;
  grade: Grade | null;
  provisional: boolean;
  cappedAtC: boolean;
  override: OverrideInForce | null;
  delta7: number | null;
  delta30: number | null;
  /** SPARKLINE_DAYS scores, oldest first, null for days without a snapshot. */
  sparkline: (number | null)[];
};

export type League = {
  rows: LeagueRow[];
  /** The newest snapshot day over all platforms; null when there is no snapshot at all. */
  latestDay: string | null;
};

/** Overrides in force at `now`, newest first per platform (a later one replaces an earlier one). */
export function overridesInForce(db: Db, now: Date = new Date()): Map<number, OverrideInForce> {
  const at = now.toISOString();
  const rows = db
    .select({ platformId: gradeOverrides.platformId, grade: gradeOverrides.grade, reason: gradeOverrides.reason, endsAt: gradeOverrides.endsAt })
    .from(gradeOverrides)
    .where(and(isNull(gradeOverrides.revokedAt), lte(gradeOverrides.startsAt, at), gt(gradeOverrides.endsAt, at)))
    .orderBy(desc(gradeOverrides.id))
    .all();
  const byPlatform = new Map<number, OverrideInForce>();
  for (const { platformId, ...override } of rows) if (!byPlatform.has(platformId)) byPlatform.set(platformId, override);
  return byPlatform;
}

export function leagueTable(db: Db, options: { now?: Date } = {}): League {
  const overrides = overridesInForce(db, options.now);
  const registered = db
    .select({ id: platforms.id, slug: platforms.slug, name: platforms.name, nameZh: platforms.nameZh })
    .from(platforms)
    .where(eq(platforms.isIndependent, false))
    .orderBy(asc(platforms.id))
    .all();
  let latestDay: string | null = null;
  // Most platforms share their latest day: the 90 days behind it are listed once.
  const windows = new Map<string, string[]>();
  const rows = registered.map((p): LeagueRow => {
    const base = { platformId: p.id, slug: p.slug, name: p.name, nameZh: p.nameZh, override: overrides.get(p.id) ?? null };
    const latest = latestSnapshot(db, p.id);
    if (!latest) {
      return { ...base, day: null, score: null, grade: null, provisional: false, cappedAtC: false, delta7: null, delta30: null, sparkline: [] };
    }
    if (latestDay === null || latest.day > latestDay) latestDay = latest.day;
    const from = addDays(latest.day, -(SPARKLINE_DAYS - 1));
    const history: DayScore[] = scoreHistory(db, p.id, from, latest.day);
    return {
      ...base,
      day: latest.day,
      score: latest.score,
      grade: latest.grade,
      provisional: latest.provisional,
      cappedAtC: latest.cappedAtC,
      delta7: scoreDelta(history, latest.day, 7),
      delta30: scoreDelta(history, latest.day, 30),
      sparkline: alignScores(history, windows.get(latest.day) ?? windows.set(latest.day, daysBetween(from, latest.day)).get(latest.day)!),
    };
  });
  return { rows, latestDay };
}
