// /ratings/compare: up to six platforms' scores over the same days and their latest components.
// The selection comes from the URL (?platforms=1,2,3, or repeated ?platforms=1&platforms=2 as a
// checkbox form sends it); reading is by platform and day range on the snapshots' unique index.
import { and, asc, eq, inArray } from "drizzle-orm";
import { platforms } from "@/db/schema";
import type { Db } from "@/lib/db";
import { type Snapshot, addDays, alignScores, daysBetween, latestSnapshot, scoreHistory } from "./history";
import { type OverrideInForce, overridesInForce } from "./league";

export const MAX_COMPARE = 6;
/** Days of history on the compare chart, ending on the newest snapshot of the chosen platforms. */
export const COMPARE_DAYS = 180;

export type CompareSelection = { ids: number[]; error: "tooMany" | "invalid" | null };

/** The chosen platform ids, in the order given, without repeats; an error says why none are charted. */
export function parseCompareSelection(param: string | string[] | undefined): CompareSelection {
  const text = Array.isArray(param) ? param.join(",") : (param ?? "");
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.some((p) => !/^[1-9]\d{0,9}$/.test(p))) return { ids: [], error: "invalid" };
  const ids = [...new Set(parts.map(Number))];
  if (ids.length > MAX_COMPARE) return { ids, error: "tooMany" };
  return { ids, error: null };
}

export type PlatformChoice = { id: number; slug: string; name: string; nameZh: string };

/** Every registered platform (independent sites are not rated), by name, for the chooser. */
export function comparablePlatforms(db: Db): PlatformChoice[] {
  return db
    .select({ id: platforms.id, slug: platforms.slug, name: platforms.name, nameZh: platforms.nameZh })
    .from(platforms)
    .where(eq(platforms.isIndependent, false))
    .orderBy(asc(platforms.name))
    .all();
}

export type ComparedPlatform = PlatformChoice & { latest: Snapshot | null; override: OverrideInForce | null };

export type Comparison = {
  platforms: ComparedPlatform[];
  /** Ids asked for that are not registered platforms. */
  unknown: number[];
  /** The days on the chart, oldest first (empty when none of the platforms has a snapshot). */
  days: string[];
  /** One row per day: `day`, and each platform's score under the key `p<id>` (null: no snapshot). */
  scores: Record<string, string | number | null>[];
};

export const scoreKey = (platformId: number) => `p${platformId}`;

export function compareRatings(db: Db, ids: readonly number[], options: { now?: Date; days?: number } = {}): Comparison {
  const found = ids.length === 0 ? [] : db
    .select({ id: platforms.id, slug: platforms.slug, name: platforms.name, nameZh: platforms.nameZh })
    .from(platforms)
    .where(and(inArray(platforms.id, [...ids]), eq(platforms.isIndependent, false)))
    .all();
  const byId = new Map(found.map((p) => [p.id, p]));
  const overrides = overridesInForce(db, options.now);
  const chosen: ComparedPlatform[] = ids
    .filter((id) => byId.has(id))
    .map((id) => ({ ...byId.get(id)!, latest: latestSnapshot(db, id), override: overrides.get(id) ?? null }));
  const unknown = ids.filter((id) => !byId.has(id));

  const end = chosen.reduce<string | null>((max, p) => (p.latest && (max === null || p.latest.day > max) ? p.latest.day : max), null);
  if (end === null) return { platforms: chosen, unknown, days: [], scores: [] };
  const from = addDays(end, -((options.days ?? COMPARE_DAYS) - 1));
  const days = daysBetween(from, end);
  const columns = chosen.map((p) => ({ key: scoreKey(p.id), values: alignScores(scoreHistory(db, p.id, from, end), days) }));
  const scores = days.map((day, i) => {
    const row: Record<string, string | number | null> = { day };
    for (const c of columns) row[c.key] = c.values[i]!;
    return row;
  });
  return { platforms: chosen, unknown, days, scores };
}
