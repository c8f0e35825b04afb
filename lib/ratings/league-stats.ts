// The pure parts of the league table: score changes, biggest movers, the grade distribution and the
// sort order (which lives in the URL). No database here, so each rule is unit-tested on its own.
import type { Grade } from "@/db/schema";
import { grades } from "@/db/schema";
import { type DayScore, addDays } from "./history";

/** Score on `day` minus score `days` earlier, to one decimal; null when either snapshot is missing. */
export function scoreDelta(history: readonly DayScore[], day: string, days: number): number | null {
  const byDay = new Map(history.map((h) => [h.day, h.score]));
  const now = byDay.get(day);
  const then = byDay.get(addDays(day, -days));
  if (now === undefined || then === undefined) return null;
  return Math.round((now - then) * 10) / 10;
}

export type Mover = { platformId: number; delta: number };

/**
 * The `n` largest rises and falls of `delta30` (0 is neither); ties by platform id so the order is
 * stable from one request to the next.
 */
export function biggestMovers<T extends { platformId: number; delta30: number | null }>(rows: readonly T[], n = 5): { up: T[]; down: T[] } {
  const moved = rows.filter((r) => r.delta30 !== null && r.delta30 !== 0);
  const up = moved.filter((r) => r.delta30! > 0).sort((a, b) => b.delta30! - a.delta30! || a.platformId - b.platformId);
  const down = moved.filter((r) => r.delta30! < 0).sort((a, b) => a.delta30! - b.delta30! || a.platformId - b.platformId);
  return { up: up.slice(0, n), down: down.slice(0, n) };
}

/** How many platforms have each computed grade, A to D (zeros included); unrated ones are left out. */
export function gradeDistribution(rows: readonly { grade: Grade | null }[]): { grade: Grade; platforms: number }[] {
  return grades.map((grade) => ({ grade, platforms: rows.filter((r) => r.grade === grade).length }));
}

export const leagueSortKeys = ["name", "grade", "score", "delta7", "delta30"] as const;
export type LeagueSortKey = (typeof leagueSortKeys)[number];
export type LeagueSort = { key: LeagueSortKey; dir: "asc" | "desc" };
export const DEFAULT_LEAGUE_SORT: LeagueSort = { key: "score", dir: "desc" };

/** The sort from the URL; anything unknown falls back to the default (a shared link never breaks). */
export function parseLeagueSort(sort: unknown, dir: unknown): LeagueSort {
  const key = (leagueSortKeys as readonly unknown[]).includes(sort) ? (sort as LeagueSortKey) : DEFAULT_LEAGUE_SORT.key;
  const direction = dir === "asc" || dir === "desc" ? dir : key === "name" || key === "grade" ? "asc" : "desc";
  return { key, dir: direction };
}

type Sortable = { platformId: number; name: string; grade: Grade | null; score: number | null; delta7: number | null; delta30: number | null };

/**
 * Sorted by the key, then by score (high first) and name. Rows without a value for the key (no
 * snapshot, no change known) go last whichever the direction. Grades sort A first when ascending.
 */
export function sortLeague<T extends Sortable>(rows: readonly T[], sort: LeagueSort, collator = new Intl.Collator("en")): T[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  const value = (r: T): string | number | null => (sort.key === "name" ? r.name : r[sort.key]);
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const c = typeof va === "string" ? collator.compare(va, vb as string) : va - (vb as number);
      if (c !== 0) return sign * c;
    }
    return (b.score ?? -1) - (a.score ?? -1) || collator.compare(a.name, b.name) || a.platformId - b.platformId;
  });
}
