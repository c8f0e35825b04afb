// The restore requests as the console lists them: one status at a time, pending oldest first (the
// longest wait is reviewed first), reviewed ones newest first. Keyset pages on (submitted_at, id),
// which the restore_requests_status_idx index (status, submitted_at, rowid) serves.
import { aliasedTable, and, asc, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import { cases, decisions, links, platforms, restoreRequests, users, verdicts } from "@/db/schema";
import type { Db } from "@/lib/db";
import { restoreStatuses } from "./schemas";

export type RestoreStatus = (typeof restoreStatuses)[number];

export const RESTORE_PAGE_SIZE = 20;

export function isRestoreStatus(value: unknown): value is RestoreStatus {
  return typeof value === "string" && (restoreStatuses as readonly string[]).includes(value);
}

type Cursor = { submittedAt: string; id: number };

/** "2026-11-24T08:00:00.000Z~42": where the next page starts, in the URL. */
export function encodeCursor(cursor: Cursor): string {
  return `${cursor.submittedAt}~${cursor.id}`;
}

export function decodeCursor(text: unknown): Cursor | null {
  if (typeof text !== "string") return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(\d{1,15})$/.exec(text);
  return match ? { submittedAt: match[1]!, id: Number(match[2]) } : null;
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

export function restoreRequestPage(db: Db, options: { status: RestoreStatus; after?: Cursor | null; limit?: number }) {
  const limit = options.limit ?? RESTORE_PAGE_SIZE;
  const oldestFirst = options.status === "pending";
  const after = options.after;
  const keyset = after
    ? oldestFirst
      ? or(gt(restoreRequests.submittedAt, after.submittedAt), and(eq(restoreRequests.submittedAt, after.submittedAt), gt(restoreRequests.id, after.id)))
      : or(lt(restoreRequests.submittedAt, after.submittedAt), and(eq(restoreRequests.submittedAt, after.submittedAt), lt(restoreRequests.id, after.id)))
    : undefined;
  const order = oldestFirst
    ? [asc(restoreRequests.submittedAt), asc(restoreRequests.id)]
    : [desc(restoreRequests.submittedAt), desc(restoreRequests.id)];

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
    .where(and(eq(restoreRequests.status, options.status), keyset))
    .orderBy(...order)
    .limit(limit + 1)
    .all();

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? encodeCursor({ submittedAt: last.submittedAt, id: last.id }) : null;
  return { rows: page, next };
}

export type RestoreRow = ReturnType<typeof restoreRequestPage>["rows"][number];
