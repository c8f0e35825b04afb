// The appeals as the console lists them: one status at a time, pending oldest first (the longest
// wait is decided first), decided ones newest first. Keyset pages on (submitted_at, id), which the
// appeals_status_idx index (status, submitted_at, rowid) serves.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { appeals, cases, decisions, links, platforms, users } from "@/db/schema";
import type { Db } from "@/lib/db";
import { type SubmittedCursor, pageOf, submittedKeyset } from "@/lib/review/submitted-keyset";
import { type AppealStatus, appealStatuses } from "./schemas";

export const APPEAL_PAGE_SIZE = 20;

export function isAppealStatus(value: unknown): value is AppealStatus {
  return typeof value === "string" && (appealStatuses as readonly string[]).includes(value);
}

export function appealCounts(db: Db): Record<AppealStatus, number> {
  const rows = db.select({ status: appeals.status, n: sql<number>`count(*)` }).from(appeals).groupBy(appeals.status).all();
  const counts = { pending: 0, upheld: 0, overturned: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

const deciders = alias(users, "deciders");
const judges = alias(users, "judges");

export function appealPage(db: Db, options: { status: AppealStatus; after?: SubmittedCursor | null; limit?: number }) {
  const limit = options.limit ?? APPEAL_PAGE_SIZE;
  const keyset = submittedKeyset(appeals, options.after, options.status === "pending");
  const rows = db
    .select({
      id: appeals.id,
      appellant: appeals.appellant,
      reason: appeals.reason,
      status: appeals.status,
      submittedAt: appeals.submittedAt,
      decidedAt: appeals.decidedAt,
      note: appeals.note,
      judgeName: judges.name,
      decision: {
        id: decisions.id,
        caseId: decisions.caseId,
        outcome: decisions.outcome,
        category: decisions.category,
        level: decisions.level,
        createdAt: decisions.createdAt,
        rationale: decisions.rationale,
        deciderId: decisions.deciderId,
        reversedAt: decisions.reversedAt,
        reversalKind: decisions.reversalKind,
      },
      deciderName: deciders.name,
      canonicalUrl: links.canonicalUrl,
      platformName: platforms.name,
      platformNameZh: platforms.nameZh,
      platformIsIndependent: platforms.isIndependent,
    })
    .from(appeals)
    .innerJoin(decisions, eq(decisions.id, appeals.decisionId))
    .innerJoin(deciders, eq(deciders.id, decisions.deciderId))
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .innerJoin(links, eq(links.id, cases.linkId))
    .leftJoin(platforms, eq(platforms.id, links.platformId))
    .leftJoin(judges, eq(judges.id, appeals.decidedBy))
    .where(and(eq(appeals.status, options.status), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(limit + 1)
    .all();
  return pageOf(rows, limit);
}

export type AppealRow = ReturnType<typeof appealPage>["rows"][number];

/** Every appeal against the decisions of one case, newest first: a case has few. */
export function appealsOnCase(db: Db, caseId: number) {
  const decisionIds = db.select({ id: decisions.id }).from(decisions).where(eq(decisions.caseId, caseId)).all().map((d) => d.id);
  if (decisionIds.length === 0) return [];
  return db
    .select({ id: appeals.id, decisionId: appeals.decisionId, appellant: appeals.appellant, status: appeals.status, submittedAt: appeals.submittedAt, decidedAt: appeals.decidedAt })
    .from(appeals)
    .where(inArray(appeals.decisionId, decisionIds))
    .orderBy(desc(appeals.submittedAt), desc(appeals.id))
    .all();
}
