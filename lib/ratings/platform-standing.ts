// Each platform's grade as the verdict modes and the queue priority read it: the latest rating
// snapshot, replaced by a manager's override while one is in force. Read on every verdict lookup, so
// it is held in memory and rebuilt at most once a minute, or at once after invalidatePlatformStanding()
// (called by whatever writes snapshots or overrides in this process).
import { and, desc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { type Grade, gradeOverrides, platforms, ratingSnapshots } from "@/db/schema";
import type { Db } from "@/lib/db";

export type PlatformStanding = {
  id: number;
  slug: string;
  name: string;
  nameZh: string;
  isIndependent: boolean;
  /** The grade in force: the override's while one applies, else the latest snapshot's; null before any snapshot. */
  grade: Grade | null;
  computedGrade: Grade | null;
  provisional: boolean;
  overridden: boolean;
  /** The day of the snapshot the computed grade comes from. */
  ratedOn: string | null;
};

export const STANDING_MAX_AGE_MS = 60_000;

type Cache = { version: number; built: { version: number; connection: unknown; at: number; byId: Map<number, PlatformStanding> } | null };
const globalCache = globalThis as unknown as { __linkdeskPlatformStanding?: Cache };
const cache = (): Cache => (globalCache.__linkdeskPlatformStanding ??= { version: 0, built: null });

export function platformStandings(db: Db, nowMs = Date.now()): ReadonlyMap<number, PlatformStanding> {
  const c = cache();
  const built = c.built;
  if (built && built.version === c.version && built.connection === db.$client && nowMs - built.at < STANDING_MAX_AGE_MS) return built.byId;
  const version = c.version;
  const byId = buildStandings(db, new Date(nowMs).toISOString());
  c.built = { version, connection: db.$client, at: nowMs, byId };
  return byId;
}

export function platformStanding(db: Db, platformId: number, nowMs = Date.now()): PlatformStanding | null {
  return platformStandings(db, nowMs).get(platformId) ?? null;
}

/** Marks the standings stale; call after committing a snapshot, an override or a registry change. */
export function invalidatePlatformStanding(): void {
  cache().version += 1;
}

function buildStandings(db: Db, now: string): Map<number, PlatformStanding> {
  const byId = new Map<number, PlatformStanding>();
  for (const p of db.select().from(platforms).all()) {
    byId.set(p.id, {
      id: p.id,
      slug: p.slug,
      name: p.name,
      nameZh: p.nameZh,
      isIndependent: p.isIndependent,
      grade: null,
      computedGrade: null,
      provisional: false,
      overridden: false,
      ratedOn: null,
    });
  }
  // Each platform's latest snapshot, read backwards on rating_snapshots_platform_day_uq: a few index
  // steps per platform, however many days are stored (this runs on the request thread once a minute).
  const latest = db
    .select({ day: ratingSnapshots.day, grade: ratingSnapshots.grade, provisional: ratingSnapshots.provisional })
    .from(ratingSnapshots)
    .where(eq(ratingSnapshots.platformId, sql.placeholder("platformId")))
    .orderBy(desc(ratingSnapshots.day), desc(ratingSnapshots.formulaVersion))
    .limit(1)
    .prepare();
  for (const standing of byId.values()) {
    const s = latest.get({ platformId: standing.id });
    if (s) Object.assign(standing, { grade: s.grade, computedGrade: s.grade, provisional: s.provisional, ratedOn: s.day });
  }
  const overrides = db
    .select({ platformId: gradeOverrides.platformId, grade: gradeOverrides.grade })
    .from(gradeOverrides)
    .where(and(isNull(gradeOverrides.revokedAt), lte(gradeOverrides.startsAt, now), gt(gradeOverrides.endsAt, now)))
    .orderBy(desc(gradeOverrides.id))
    .all();
  const seen = new Set<number>();
  for (const o of overrides) {
    const standing = byId.get(o.platformId);
    if (!standing || seen.has(o.platformId)) continue;
    seen.add(o.platformId);
    Object.assign(standing, { grade: o.grade, overridden: true });
  }
  return byId;
}
