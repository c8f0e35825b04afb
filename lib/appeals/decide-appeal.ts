// A senior moderator decides an appeal (DESIGN.md: "an appeal is never decided by the person who
// made the decision"). Upholding records the answer and leaves the decision standing; overturning
// also sets the decision aside as kind "appeal" (lib/decisions/set-aside.ts: the verdict is lifted,
// the unanswered notice withdrawn, the case reopened). Both commit in one immediate transaction — the
// set-aside's own transaction nests inside it as a savepoint — and a refusal writes nothing.
import { eq } from "drizzle-orm";
import { appeals, decisions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { setAsideDecision } from "@/lib/decisions/set-aside";
import { type AppealDecision, MAX_APPEAL_NOTE_LENGTH, MIN_APPEAL_NOTE_LENGTH } from "./schemas";

export type AppealRuling = { appealId: number; decision: AppealDecision; note: string };

export type DecidedAppeal = {
  appealId: number;
  status: "upheld" | "overturned";
  decisionId: number;
  caseId: number;
  liftedVerdictIds: number[];
  withdrawnNoticeIds: number[];
};

export function decideAppeal(db: Db, actor: Actor, input: AppealRuling, options: { now?: Date; requestId?: string | null } = {}): DecidedAppeal {
  if (!can(actor.role, "cases.decideSenior")) throw new ActionError("forbidden", "errors.forbidden");
  const note = input.note.trim();
  if ([...note].length < MIN_APPEAL_NOTE_LENGTH) throw new ActionError("invalid", "errors.invalid", { note: ["appeals.errors.noteTooShort"] });
  if ([...note].length > MAX_APPEAL_NOTE_LENGTH) throw new ActionError("invalid", "errors.invalid", { note: ["appeals.errors.noteTooLong"] });
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const requestId = options.requestId ?? null;

  return db.transaction(
    (tx) => {
      const appeal = tx.select().from(appeals).where(eq(appeals.id, input.appealId)).get();
      if (!appeal) throw new ActionError("not_found", "appeals.errors.notFound");
      if (appeal.status !== "pending") throw new ActionError("conflict", "appeals.errors.alreadyDecided");
      const decision = tx.select().from(decisions).where(eq(decisions.id, appeal.decisionId)).get()!;
      if (decision.deciderId === actor.id) throw new ActionError("forbidden", "appeals.errors.fourEyes");

      const overturn = input.decision === "overturn";
      // Throws before its first write when the decision can no longer be set aside (already undone
      // or reversed, or the case moved on): the appeal then stays pending, nothing written.
      const setAside = overturn
        ? setAsideDecision(db, actor, { decisionId: decision.id, kind: "appeal", reason: note }, () => {}, { now, requestId })
        : null;

      const status = overturn ? ("overturned" as const) : ("upheld" as const);
      const marks = { status, decidedBy: actor.id, decidedAt: at, note };
      tx.update(appeals).set(marks).where(eq(appeals.id, appeal.id)).run();
      const result: DecidedAppeal = {
        appealId: appeal.id,
        status,
        decisionId: decision.id,
        caseId: decision.caseId,
        liftedVerdictIds: setAside?.liftedVerdictIds ?? [],
        withdrawnNoticeIds: setAside?.withdrawnNoticeIds ?? [],
      };
      recordAudit(tx, {
        actorId: actor.id,
        action: "appeal.decided",
        targetType: "appeal",
        targetId: appeal.id,
        before: { status: "pending" },
        after: { ...marks, decisionId: decision.id, caseId: decision.caseId, liftedVerdictIds: result.liftedVerdictIds, withdrawnNoticeIds: result.withdrawnNoticeIds },
        requestId,
        at,
      });
      return result;
    },
    { behavior: "immediate" },
  );
}
