// What the case page shows beside the decision form: the link and its host facts, the reports on a
// timeline with each reporter's track record, earlier cases on the same domain and platform, and the
// decisions taken on this case. Lists that grow are bounded (reports by keyset, history by limit).
import { aliasedTable, and, desc, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { cases, decisions, linkVariants, links, platforms, reports, users } from "@/db/schema";
import type { Db } from "@/lib/db";

export const REPORTS_PER_PAGE = 50;
export const HISTORY_LIMIT = 10;

const escalator = aliasedTable(users, "escalator");

export function caseDetail(db: Db, caseId: number) {
  return db
    .select({
      id: cases.id,
      status: cases.status,
      version: cases.version,
      claimedCategory: cases.claimedCategory,
      reportCount: cases.reportCount,
      openedAt: cases.openedAt,
      lastReportAt: cases.lastReportAt,
      reopenedAt: cases.reopenedAt,
      decidedAt: cases.decidedAt,
      assigneeId: cases.assigneeId,
      assigneeName: users.name,
      leaseExpiresAt: cases.leaseExpiresAt,
      escalatedAt: cases.escalatedAt,
      escalatedByName: escalator.name,
      escalationNote: cases.escalationNote,
      linkId: links.id,
      canonicalUrl: links.canonicalUrl,
      host: links.host,
      registrableDomain: links.registrableDomain,
      isShortLink: links.isShortLink,
      isIpLiteral: links.isIpLiteral,
      isMixedScript: links.isMixedScript,
      platformId: links.platformId,
      platformName: platforms.name,
      platformNameZh: platforms.nameZh,
      isIndependent: platforms.isIndependent,
    })
    .from(cases)
    .innerJoin(links, eq(links.id, cases.linkId))
    .leftJoin(platforms, eq(platforms.id, links.platformId))
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .leftJoin(escalator, eq(escalator.id, cases.escalatedBy))
    .where(eq(cases.id, caseId))
    .get();
}

export type CaseDetail = NonNullable<ReturnType<typeof caseDetail>>;

export function linkVariantsOf(db: Db, linkId: number) {
  return db
    .select({ rawUrl: linkVariants.rawUrl, strippedParams: linkVariants.strippedParams, firstSeenAt: linkVariants.firstSeenAt })
    .from(linkVariants)
    .where(eq(linkVariants.linkId, linkId))
    .orderBy(linkVariants.id)
    .limit(50)
    .all();
}

export type TrackRecord = { decided: number; confirmed: number };

/**
 * A page of the case's reports, newest first (keyset on id), each with its reporter's track record:
 * of their reports on other cases that have a standing decision, how many were confirmed violations.
 */
export function reportTimeline(db: Db, caseId: number, beforeId?: number) {
  const rows = db
    .select({
      id: reports.id,
      rawUrl: reports.rawUrl,
      category: reports.category,
      scene: reports.scene,
      description: reports.description,
      reporterHash: reports.reporterHash,
      source: reports.source,
      afterDecision: reports.afterDecision,
      createdAt: reports.createdAt,
    })
    .from(reports)
    .where(and(eq(reports.caseId, caseId), beforeId ? lt(reports.id, beforeId) : undefined))
    .orderBy(desc(reports.id))
    .limit(REPORTS_PER_PAGE + 1)
    .all();
  const page = rows.slice(0, REPORTS_PER_PAGE);
  const hashes = [...new Set(page.map((r) => r.reporterHash))];
  const records = new Map<string, TrackRecord>();
  if (hashes.length > 0) {
    const tally = db
      .select({
        reporterHash: reports.reporterHash,
        decided: sql<number>`count(*)`,
        confirmed: sql<number>`sum(case when ${decisions.outcome} = 'violation' then 1 else 0 end)`,
      })
      .from(reports)
      .innerJoin(decisions, and(eq(decisions.caseId, reports.caseId), isNull(decisions.reversedAt)))
      .where(and(inArray(reports.reporterHash, hashes), ne(reports.caseId, caseId)))
      .groupBy(reports.reporterHash)
      .all();
    for (const t of tally) records.set(t.reporterHash, { decided: t.decided, confirmed: t.confirmed ?? 0 });
  }
  return {
    reports: page.map((r) => ({ ...r, trackRecord: records.get(r.reporterHash) ?? { decided: 0, confirmed: 0 } })),
    nextBefore: rows.length > REPORTS_PER_PAGE ? page[page.length - 1]!.id : null,
  };
}

/** The latest standing decision of each of the given cases. */
function standingVerdicts(db: Db, caseIds: number[]) {
  if (caseIds.length === 0) return new Map<number, { outcome: string; level: string; category: string | null }>();
  const rows = db
    .select({ caseId: decisions.caseId, id: decisions.id, outcome: decisions.outcome, level: decisions.level, category: decisions.category })
    .from(decisions)
    .where(and(inArray(decisions.caseId, caseIds), isNull(decisions.reversedAt)))
    .orderBy(decisions.id)
    .all();
  return new Map(rows.map((r) => [r.caseId, r]));
}

/** Other cases on the same registrable domain, or on the same platform, newest first, with their verdicts. */
export function earlierCases(db: Db, detail: CaseDetail, by: "domain" | "platform") {
  if (by === "platform" && detail.platformId === null) return [];
  const rows = db
    .select({ id: cases.id, status: cases.status, canonicalUrl: links.canonicalUrl, openedAt: cases.openedAt, decidedAt: cases.decidedAt })
    .from(cases)
    .innerJoin(links, eq(links.id, cases.linkId))
    .where(
      and(
        by === "domain" ? eq(links.registrableDomain, detail.registrableDomain) : eq(links.platformId, detail.platformId!),
        ne(cases.id, detail.id),
      ),
    )
    .orderBy(desc(cases.id))
    .limit(HISTORY_LIMIT)
    .all();
  const verdicts = standingVerdicts(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, decision: verdicts.get(r.id) ?? null }));
}

/** Every decision taken on this case, newest first, standing or set aside. */
export function caseDecisions(db: Db, caseId: number) {
  return db
    .select({
      id: decisions.id,
      outcome: decisions.outcome,
      category: decisions.category,
      level: decisions.level,
      scope: decisions.scope,
      providerSanction: decisions.providerSanction,
      durationHours: decisions.durationHours,
      recommendedLevel: decisions.recommendedLevel,
      rationale: decisions.rationale,
      internalNote: decisions.internalNote,
      publicNote: decisions.publicNote,
      createdAt: decisions.createdAt,
      deciderId: decisions.deciderId,
      deciderName: users.name,
      reversedAt: decisions.reversedAt,
      reversalKind: decisions.reversalKind,
      reversalReason: decisions.reversalReason,
      reversedByName: sql<string | null>`(select name from users r where r.id = ${decisions.reversedBy})`,
    })
    .from(decisions)
    .innerJoin(users, eq(users.id, decisions.deciderId))
    .where(eq(decisions.caseId, caseId))
    .orderBy(desc(decisions.id))
    .all();
}

/** Who a senior may hand a case to: active moderators and senior moderators. */
export function possibleAssignees(db: Db) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(isNull(users.disabledAt), inArray(users.role, ["moderator", "senior"])))
    .orderBy(users.name)
    .limit(500)
    .all();
}

export function decisionById(db: Db, decisionId: number) {
  return db
    .select({ caseId: decisions.caseId, deciderId: decisions.deciderId, createdAt: decisions.createdAt, reversedAt: decisions.reversedAt })
    .from(decisions)
    .where(eq(decisions.id, decisionId))
    .get();
}
export type CaseDecision = ReturnType<typeof caseDecisions>[number];
