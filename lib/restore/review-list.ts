// The restore requests as the console lists them: one status at a time, pending oldest first (the
// longest wait is reviewed first), reviewed ones newest first. Keyset pages on (submitted_at, id),
// which the restore_requests_status_idx index (status, submitted_at, rowid) serves.
import { aliasedTable, and, eq, sql } from "drizzle-orm";
import { cases, decisions, links, platforms, restoreRequests, users, verdicts } from "@/db/schema";
import type { Db } from "@/lib/db";
import { type SubmittedCursor, pageOf, submittedKeyset } from "@/lib/review/submitted-keyset";
import { restoreStatuses } from "./schemas";

export type RestoreStatus = (typeof restoreStatuses)[number];

export const RESTORE_PAGE_SIZE = 20;

export function isRestoreStatus(value: unknown): value is RestoreStatus {
  return typeof value === "string" && (restoreStatuses as readonly string[]).includes(value);
}

export function restoreCounts(db: Db): Record<RestoreStatus, number> {
  const rows = db
    .select({ status: restoreRequests.status, n: sql<number>`count(*)` })
    .from(restoreRequests)
    .groupBy(restoreRequests.status)
    .all();
  const counts = { pending: 0, approved: 0, rejected: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

const reviewers = aliasedTable(users, "reviewers");

export function restoreRequestPage(db: Db, options: { status: RestoreStatus; after?: SubmittedCursor | null; limit?: number }) {
  const limit = options.limit ?? RESTORE_PAGE_SIZE;
  const keyset = submittedKeyset(restoreRequests, options.after, options.status === "pending");

  const rows = db
    .select({
      id: restoreRequests.id,
      trackingCode: restoreRequests.trackingCode,
      requester: restoreRequests.requester,
      source: restoreRequests.source,
      rawUrl: restoreRequests.rawUrl,
      contact: restoreRequests.contact,
      explanation: restoreRequests.explanation,
      status: restoreRequests.status,
      submittedAt: restoreRequests.submittedAt,
      reviewedAt: restoreRequests.reviewedAt,
      reviewNote: restoreRequests.reviewNote,
      reviewerName: reviewers.name,
      canonicalUrl: links.canonicalUrl,
      platformName: platforms.name,
      platformNameZh: platforms.nameZh,
      platformIsIndependent: platforms.isIndependent,
      verdict: {
        id: verdicts.id,
        level: verdicts.level,
        category: verdicts.category,
        scope: verdicts.scope,
        domain: verdicts.domain,
        startsAt: verdicts.startsAt,
        expiresAt: verdicts.expiresAt,
        liftedAt: verdicts.liftedAt,
        liftedReason: verdicts.liftedReason,
      },
      caseId: cases.id,
    })
    .from(restoreRequests)
    .innerJoin(links, eq(links.id, restoreRequests.linkId))
    .leftJoin(platforms, eq(platforms.id, links.platformId))
    .innerJoin(verdicts, eq(verdicts.id, restoreRequests.verdictId))
    .innerJoin(decisions, eq(decisions.id, verdicts.decisionId))
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .leftJoin(reviewers, eq(reviewers.id, restoreRequests.reviewedBy))
    .where(and(eq(restoreRequests.status, options.status), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(limit + 1)
    .all();
  return pageOf(rows, limit);
}

export type RestoreRow = ReturnType<typeof restoreRequestPage>["rows"][number];
