// What undoing and reversing a decision share: the decision is marked (never deleted), the verdict
// it put in force is lifted, its unanswered rectification notice is withdrawn, and the case reopens
// with a new version so it can be decided again — one immediate transaction, audited at each step.
//
// A withdrawn notice (its decision undone or reversed before the platform answered) gets withdrawn_at;
// the "notice.withdrawn" audit event records when and why.
import { and, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { cases, decisions, rectificationNotices, verdicts } from "@/db/schema";
import { type Tx, recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";
import { isoPlus } from "@/lib/time/now";
import { liftVerdict } from "@/lib/verdicts/lift-verdict";
import { appliesAt } from "@/lib/verdicts/precedence";
import { LEASE_MS } from "@/lib/cases/lease";
import { markCaseRatingStale } from "@/lib/ratings/refresh-marks";

export type SetAsideKind = "undo" | "reversal" | "appeal";

const setAsideActions = { undo: "decision.undone", reversal: "decision.reversed", appeal: "decision.overturned" } as const;

export type SetAsideResult = { decisionId: number; caseId: number; caseVersion: number; liftedVerdictIds: number[]; withdrawnNoticeIds: number[] };

type DecisionRow = typeof decisions.$inferSelect;

/** The decision, refused unless it still stands and is the one that closed its case. */
export function loadStandingDecision(tx: Tx, decisionId: number): DecisionRow {
  const decision = tx.select().from(decisions).where(eq(decisions.id, decisionId)).get();
  if (!decision) throw new ActionError("not_found", "decisions.errors.notFound");
  if (decision.reversedAt !== null) throw new ActionError("conflict", "decisions.errors.alreadySetAside");
  const latest = tx
    .select({ id: decisions.id })
    .from(decisions)
    .where(and(eq(decisions.caseId, decision.caseId), isNull(decisions.reversedAt)))
    .orderBy(desc(decisions.id))
    .limit(1)
    .get();
  const current = tx.select({ status: cases.status, linkId: cases.linkId }).from(cases).where(eq(cases.id, decision.caseId)).get()!;
  // A case reopened by new evidence, or a newer case opened on the same link, has moved on: the
  // next decision there replaces this one (and one link has one open case at a time).
  const newerOpen = tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.linkId, current.linkId), ne(cases.id, decision.caseId), inArray(cases.status, ["open", "escalated"])))
    .get();
  if (latest?.id !== decision.id || current.status !== "decided" || newerOpen) {
    throw new ActionError("conflict", "decisions.errors.caseMovedOn");
  }
  return decision;
}

export function setAsideDecision(
  db: Db,
  actor: Actor,
  input: { decisionId: number; kind: SetAsideKind; reason: string | null },
  check: (decision: DecisionRow, now: string) => void,
  options: { now?: Date; requestId?: string | null },
): SetAsideResult {
  const now = (options.now ?? new Date()).toISOString();
  const requestId = options.requestId ?? null;
  const action = setAsideActions[input.kind];
  return db.transaction(
    (tx) => {
      const decision = loadStandingDecision(tx, input.decisionId);
      check(decision, now);

      const marks = { reversedAt: now, reversedBy: actor.id, reversalKind: input.kind, reversalReason: input.reason };
      tx.update(decisions).set(marks).where(eq(decisions.id, decision.id)).run();
      recordAudit(tx, {
        actorId: actor.id,
        action,
        targetType: "decision",
        targetId: decision.id,
        before: { reversedAt: null, outcome: decision.outcome, level: decision.level, deciderId: decision.deciderId },
        after: marks,
        requestId,
        at: now,
      });

      const cause = { cause: action, decisionId: decision.id };
      const liftedVerdictIds = tx
        .select()
        .from(verdicts)
        .where(eq(verdicts.decisionId, decision.id))
        .all()
        .filter((v) => appliesAt(v, now))
        .map((v) => liftVerdict(tx, v.id, { reason: input.kind, at: now }, { actorId: actor.id, requestId, cause }).verdictId);

      const withdrawnNoticeIds: number[] = [];
      for (const notice of tx.select().from(rectificationNotices).where(eq(rectificationNotices.decisionId, decision.id)).all()) {
        // An answered notice stays as the platform's record of what it did.
        if (notice.answeredAt !== null || notice.withdrawnAt !== null) continue;
        tx.update(rectificationNotices).set({ withdrawnAt: now }).where(eq(rectificationNotices.id, notice.id)).run();
        recordAudit(tx, {
          actorId: actor.id,
          action: "notice.withdrawn",
          targetType: "notice",
          targetId: notice.id,
          before: { answeredAt: null, deadlineAt: notice.deadlineAt },
          after: { withdrawnAt: now, ...cause },
          requestId,
          at: now,
        });
        withdrawnNoticeIds.push(notice.id);
      }

      // The decision no longer counts (and its notice, if withdrawn, neither): the rating is stale.
      markCaseRatingStale(db, decision.caseId, now);

      const row = tx.select().from(cases).where(eq(cases.id, decision.caseId)).get()!;
      // After an undo the decider is still on the page to decide again: they keep the case.
      const holder = input.kind === "undo" ? { assigneeId: actor.id, leaseExpiresAt: isoPlus(now, LEASE_MS) } : { assigneeId: null, leaseExpiresAt: null };
      const after = { status: "open" as const, version: row.version + 1, reopenedAt: now, decidedAt: null, ...holder };
      tx.update(cases).set(after).where(eq(cases.id, row.id)).run();
      recordAudit(tx, {
        actorId: actor.id,
        action: "case.reopened",
        targetType: "case",
        targetId: row.id,
        before: { status: row.status, version: row.version, decidedAt: row.decidedAt },
        after: { ...after, ...cause },
        requestId,
        at: now,
      });
      return { decisionId: decision.id, caseId: row.id, caseVersion: after.version, liftedVerdictIds, withdrawnNoticeIds };
    },
    { behavior: "immediate" },
  );
}
