import { and, desc, eq, isNull } from "drizzle-orm";
import { cases, decisions, links, platforms, reports } from "@/db/schema";
import type { Tx } from "@/lib/audit/record";
import type { Db } from "@/lib/db";

export type ReportStatus = "received" | "in_review" | "decided";

/** A complaint as its reporter may see it: progress, and once decided the outcome and public note. */
export type ReportView = {
  id: number;
  trackingCode: string;
  caseId: number;
  apiClientId: number | null;
  canonicalUrl: string;
  registrableDomain: string;
  platform: { id: number; name: string; nameZh: string } | null;
  category: string;
  scene: string;
  status: ReportStatus;
  filedAt: string;
  outcome: { outcome: string; category: string | null; publicNote: string | null; decidedAt: string } | null;
};

export function reportView(db: Db | Tx, reportId: number): ReportView | null {
  const row = db
    .select({
      id: reports.id,
      trackingCode: reports.trackingCode,
      caseId: reports.caseId,
      apiClientId: reports.apiClientId,
      category: reports.category,
      scene: reports.scene,
      filedAt: reports.createdAt,
      canonicalUrl: links.canonicalUrl,
      registrableDomain: links.registrableDomain,
      platformId: platforms.id,
      platformName: platforms.name,
      platformNameZh: platforms.nameZh,
      platformIsIndependent: platforms.isIndependent,
      caseStatus: cases.status,
      assigneeId: cases.assigneeId,
    })
    .from(reports)
    .innerJoin(links, eq(links.id, reports.linkId))
    .innerJoin(cases, eq(cases.id, reports.caseId))
    .leftJoin(platforms, eq(platforms.id, links.platformId))
    .where(eq(reports.id, reportId))
    .get();
  if (!row) return null;

  const decided = row.caseStatus === "decided" || row.caseStatus === "closed";
  const decision = decided
    ? db
        .select({ outcome: decisions.outcome, category: decisions.category, publicNote: decisions.publicNote, decidedAt: decisions.createdAt })
        .from(decisions)
        .where(and(eq(decisions.caseId, row.caseId), isNull(decisions.reversedAt)))
        .orderBy(desc(decisions.id))
        .limit(1)
        .get()
    : undefined;
  const status: ReportStatus = decision ? "decided" : row.caseStatus === "escalated" || row.assigneeId !== null ? "in_review" : "received";

  return {
    id: row.id,
    trackingCode: row.trackingCode,
    caseId: row.caseId,
    apiClientId: row.apiClientId,
    canonicalUrl: row.canonicalUrl,
    registrableDomain: row.registrableDomain,
    platform:
      row.platformId !== null && !row.platformIsIndependent
        ? { id: row.platformId, name: row.platformName!, nameZh: row.platformNameZh! }
        : null,
    category: row.category,
    scene: row.scene,
    status,
    filedAt: row.filedAt,
    outcome: decision ?? null,
  };
}

export function reportIdByTrackingCode(db: Db, trackingCode: string): number | null {
  return db.select({ id: reports.id }).from(reports).where(eq(reports.trackingCode, trackingCode)).get()?.id ?? null;
}
