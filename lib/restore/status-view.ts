// A restore request as its requester may see it, by tracking code: progress and a public outcome.
// The reviewer's note is internal and never part of this view.
import { eq } from "drizzle-orm";
import { links, restoreRequests, verdicts } from "@/db/schema";
import type { Db } from "@/lib/db";
import { LIFT_REASON } from "./review";
import type { PublicOutcome, RequesterKind } from "./schemas";

export type RestoreStatusView = {
  trackingCode: string;
  status: "pending" | "approved" | "rejected";
  apiClientId: number | null;
  canonicalUrl: string;
  requester: RequesterKind;
  verdict: { level: string; category: string };
  submittedAt: string;
  reviewedAt: string | null;
  outcome: PublicOutcome | null;
};

/** The public sentence for each state, in English (the client API); the portal uses the catalog. */
export const publicMessages: Record<"pending" | PublicOutcome, string> = {
  pending: "The request is waiting for review by a senior moderator.",
  lifted: "The request was approved: the restriction on this link has been lifted.",
  ended: "The request was approved; the restriction had already ended before the review.",
  kept: "The request was reviewed and the restriction stays in place. A new request may be sent once the content is fixed.",
};

export function restoreStatusByCode(db: Db, trackingCode: string): RestoreStatusView | null {
  const row = db
    .select({
      trackingCode: restoreRequests.trackingCode,
      status: restoreRequests.status,
      apiClientId: restoreRequests.apiClientId,
      requester: restoreRequests.requester,
      submittedAt: restoreRequests.submittedAt,
      reviewedAt: restoreRequests.reviewedAt,
      canonicalUrl: links.canonicalUrl,
      level: verdicts.level,
      category: verdicts.category,
      liftedAt: verdicts.liftedAt,
      liftedReason: verdicts.liftedReason,
    })
    .from(restoreRequests)
    .innerJoin(links, eq(links.id, restoreRequests.linkId))
    .innerJoin(verdicts, eq(verdicts.id, restoreRequests.verdictId))
    .where(eq(restoreRequests.trackingCode, trackingCode))
    .get();
  if (!row) return null;
  return {
    trackingCode: row.trackingCode,
    status: row.status,
    apiClientId: row.apiClientId,
    canonicalUrl: row.canonicalUrl,
    requester: row.requester,
    verdict: { level: row.level, category: row.category },
    submittedAt: row.submittedAt,
    reviewedAt: row.reviewedAt,
    outcome: outcomeOf(row),
  };
}

function outcomeOf(row: { status: string; reviewedAt: string | null; liftedAt: string | null; liftedReason: string | null }): PublicOutcome | null {
  if (row.status === "pending") return null;
  if (row.status === "rejected") return "kept";
  // This review lifted it when the lift carries the review's time and reason.
  return row.liftedReason === LIFT_REASON && row.liftedAt === row.reviewedAt ? "lifted" : "ended";
}
