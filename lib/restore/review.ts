// A senior moderator reviews a restore request: approval lifts the verdict it names (its L0 change-feed
// row and audit event come from liftVerdict), rejection keeps it. The review, the lift and their audit
// events commit together; a refusal writes nothing.
import { eq } from "drizzle-orm";
import type { VerdictScope } from "@/db/schema";
import { links, restoreRequests, verdicts } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { appliesAt, verdictFor } from "@/lib/verdicts/in-force";
import { liftVerdict } from "@/lib/verdicts/lift-verdict";
import { MAX_REVIEW_NOTE_LENGTH, MIN_REVIEW_NOTE_LENGTH, type ReviewDecision } from "./schemas";

export type RestoreReview = { restoreRequestId: number; decision: ReviewDecision; note: string };

export type ReviewedRestore = {
  restoreRequestId: number;
  status: "approved" | "rejected";
  /** Approved and the verdict was lifted now (its change-feed row is `changeSeq`). */
  lifted: boolean;
  changeSeq: number | null;
  /** Approved, but the verdict had already expired or been lifted: nothing left to lift. */
  verdictAlreadyEnded: boolean;
  /** Another verdict that still restricts the link after this review (a domain block, say), if any. */
  stillRestricted: { verdictId: number; level: string; scope: VerdictScope } | null;
};

export const LIFT_REASON = "restore_approved";

export function reviewRestoreRequest(
  db: Db,
  actor: Actor,
  input: RestoreReview,
  options: { now?: Date; requestId?: string | null } = {},
): ReviewedRestore {
  if (!can(actor.role, "restore.review")) throw new ActionError("forbidden", "errors.forbidden");
  const note = input.note.trim();
  if ([...note].length < MIN_REVIEW_NOTE_LENGTH) throw new ActionError("invalid", "errors.invalid", { note: ["restore.errors.noteTooShort"] });
  if ([...note].length > MAX_REVIEW_NOTE_LENGTH) throw new ActionError("invalid", "errors.invalid", { note: ["restore.errors.noteTooLong"] });
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const requestId = options.requestId ?? null;

  return db.transaction(
    (tx) => {
      const request = tx.select().from(restoreRequests).where(eq(restoreRequests.id, input.restoreRequestId)).get();
      if (!request) throw new ActionError("not_found", "restore.errors.notFound");
      if (request.status !== "pending") throw new ActionError("conflict", "restore.errors.alreadyReviewed");
      const verdict = request.verdictId === null ? undefined : tx.select().from(verdicts).where(eq(verdicts.id, request.verdictId)).get();

      const approve = input.decision === "approve";
      const status = approve ? ("approved" as const) : ("rejected" as const);
      tx.update(restoreRequests)
        .set({ status, reviewedBy: actor.id, reviewedAt: at, reviewNote: note })
        .where(eq(restoreRequests.id, request.id))
        .run();

      let changeSeq: number | null = null;
      const inForce = verdict !== undefined && appliesAt(verdict, at);
      if (approve && verdict && inForce) {
        changeSeq = liftVerdict(tx, verdict.id, { reason: LIFT_REASON, at }, { actorId: actor.id, requestId, cause: { restoreRequestId: request.id } }).changeSeq;
      }
      const link = tx.select({ canonicalUrl: links.canonicalUrl }).from(links).where(eq(links.id, request.linkId)).get()!;
      const remaining = verdictFor(tx, link, now);
      const result: ReviewedRestore = {
        restoreRequestId: request.id,
        status,
        lifted: changeSeq !== null,
        changeSeq,
        verdictAlreadyEnded: approve && !inForce,
        stillRestricted: remaining && { verdictId: remaining.id, level: remaining.level, scope: remaining.scope },
      };
      recordAudit(tx, {
        actorId: actor.id,
        action: "restore.reviewed",
        targetType: "restore_request",
        targetId: request.id,
        before: { status: "pending" },
        after: {
          status,
          note,
          verdictId: request.verdictId,
          lifted: result.lifted,
          changeSeq,
          verdictAlreadyEnded: result.verdictAlreadyEnded,
          stillRestrictedBy: result.stillRestricted?.verdictId ?? null,
        },
        requestId,
        at,
      });
      return result;
    },
    { behavior: "immediate" },
  );
}
