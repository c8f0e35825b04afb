// The fairness report (DESIGN.md: "forbids discriminating against competitors' links"): for each
// situation — a category and an offence count (1st, 2nd, 3rd or later) — how many decisions gave
// each platform's links each level, and which platforms' links got harsher handling than the
// others' (the rule is in compare.ts). Counts come from one GROUP BY over the period's
// violation decisions that still stand (not undone, reversed or overturned on appeal).
import { and, count, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { cases, decisions, links, platforms } from "@/db/schema";
import type { Db } from "@/lib/db";
import { categoryCodes } from "@/lib/rules/categories";
import { type Comparison, type HandlingLevel, type LevelCounts, comparePlatform, compareSituation, emptyCounts, handlingLevels, total } from "./compare";
import { type FairnessPeriod, type FairnessPeriodInput, resolvePeriod } from "./period";

export type OffenceBucket = 1 | 2 | 3;

export type PlatformRef = {
  /** Null for independent sites: every link no registered platform owns. */
  id: number | null;
  slug: string;
  name: string;
  nameZh: string;
};

export type PlatformHandling = { platform: PlatformRef; counts: LevelCounts; comparison: Comparison };

export type Situation = {
  category: string;
  /** 1, 2, or 3 for "third or later" (decisions.offence_number within the repeat window). */
  offence: OffenceBucket;
  decisions: number;
  /** Most decisions first, then by name. */
  platforms: PlatformHandling[];
};

export type FairnessReport = {
  period: FairnessPeriod;
  decisions: number;
  situations: Situation[];
  /** Situations where at least two platforms' links were decided. */
  compared: number;
  /** Every (situation, platform) handled harsher than the others, situation order. */
  flags: { situation: Situation; handling: PlatformHandling }[];
  lighter: { situation: Situation; handling: PlatformHandling }[];
};

const INDEPENDENT: PlatformRef = { id: null, slug: "independent", name: "Independent sites", nameZh: "独立站点" };

// Portable SQL: CASE and GROUP BY on expressions, nothing SQLite-only. A violation without an
// offence number (decideCase always records one) counts as a first offence.
const offenceBucket = sql<number>`case when ${decisions.offenceNumber} >= 3 then 3 when ${decisions.offenceNumber} = 2 then 2 else 1 end`;

/** Decisions per (category, offence bucket, platform of the link, level) in a period (not run yet). */
export function handlingCountsQuery(db: Db, period: Pick<FairnessPeriod, "startIso" | "endIso" | "category">) {
  return db
    .select({
      category: sql<string>`${decisions.category}`,
      offence: offenceBucket,
      platformId: links.platformId,
      level: decisions.level,
      decisions: count(),
    })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .innerJoin(links, eq(links.id, cases.linkId))
    .where(
      and(
        eq(decisions.outcome, "violation"),
        isNull(decisions.reversedAt),
        inArray(decisions.level, [...handlingLevels]),
        gte(decisions.createdAt, period.startIso),
        lt(decisions.createdAt, period.endIso),
        period.category ? eq(decisions.category, period.category) : sql`${decisions.category} is not null`,
      ),
    )
    .groupBy(decisions.category, offenceBucket, links.platformId, decisions.level);
}

function platformRefs(db: Db): { byId: Map<number, PlatformRef>; independentIds: Set<number> } {
  const rows = db.select({ id: platforms.id, slug: platforms.slug, name: platforms.name, nameZh: platforms.nameZh, isIndependent: platforms.isIndependent }).from(platforms).all();
  return {
    byId: new Map(rows.filter((r) => !r.isIndependent).map((r) => [r.id, { id: r.id, slug: r.slug, name: r.name, nameZh: r.nameZh }])),
    independentIds: new Set(rows.filter((r) => r.isIndependent).map((r) => r.id)),
  };
}

const categoryOrder = (category: string) => {
  const index = (categoryCodes as readonly string[]).indexOf(category);
  return index === -1 ? categoryCodes.length : index;
};

/**
 * The report for a period (see period.ts for the defaults and limits; throws an ActionError on a
 * bad range). `timeZone` is the viewer's: the period's days are their days.
 */
export function fairnessReport(db: Db, input: FairnessPeriodInput, context: { now?: Date; timeZone: string }): FairnessReport {
  const period = resolvePeriod(input, { now: context.now ?? new Date(), timeZone: context.timeZone });
  const refs = platformRefs(db);

  // situation key → platform key ("independent" or the id) → counts
  const grouped = new Map<string, { category: string; offence: OffenceBucket; platforms: Map<string, { platform: PlatformRef; counts: LevelCounts }> }>();
  for (const row of handlingCountsQuery(db, period).all()) {
    const offence = Math.min(Math.max(Number(row.offence), 1), 3) as OffenceBucket;
    const situationKey = `${row.category}\u0000${offence}`;
    let situation = grouped.get(situationKey);
    if (!situation) {
      situation = { category: row.category, offence, platforms: new Map() };
      grouped.set(situationKey, situation);
    }
    const known = row.platformId === null || refs.independentIds.has(row.platformId) ? undefined : refs.byId.get(row.platformId);
    const platform = known ?? INDEPENDENT;
    const platformKey = platform.id === null ? "independent" : String(platform.id);
    let entry = situation.platforms.get(platformKey);
    if (!entry) {
      entry = { platform, counts: emptyCounts() };
      situation.platforms.set(platformKey, entry);
    }
    entry.counts[row.level as HandlingLevel] += Number(row.decisions);
  }

  const situations: Situation[] = [...grouped.values()]
    .map((s) => {
      const entries = [...s.platforms.values()];
      // Registered platforms are compared with each other; independent sites are listed, not compared
      // (lib/fairness/compare.ts): their domains may be blocked whole, a platform's own domain never.
      const registered = entries.filter((e) => e.platform.id !== null);
      const independent = entries.filter((e) => e.platform.id === null);
      const compared = [
        ...compareSituation(registered.map((e) => ({ key: e, counts: e.counts }))),
        ...independent.map((e) => ({ key: e, comparison: { ...comparePlatform(e.counts, emptyCounts()), status: "not_compared" as const } })),
      ];
      const handled = compared
        .map(({ key, comparison }) => ({ platform: key.platform, counts: key.counts, comparison }))
        .sort((a, b) => b.comparison.decisions - a.comparison.decisions || a.platform.name.localeCompare(b.platform.name));
      return { category: s.category, offence: s.offence, decisions: handled.reduce((n, h) => n + total(h.counts), 0), platforms: handled };
    })
    .sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category) || a.category.localeCompare(b.category) || a.offence - b.offence);

  const pick = (status: Comparison["status"]) =>
    situations.flatMap((situation) => situation.platforms.filter((h) => h.comparison.status === status).map((handling) => ({ situation, handling })));
  return {
    period,
    decisions: situations.reduce((n, s) => n + s.decisions, 0),
    situations,
    compared: situations.filter((s) => s.platforms.filter((p) => p.platform.id !== null).length > 1).length,
    flags: pick("harsher"),
    lighter: pick("lighter"),
  };
}
