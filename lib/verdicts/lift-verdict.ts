// Lifting a verdict before its expiry (an approved restore request, an undo or a reversal): the
// verdict keeps its row with `lifted_at`, the change feed gets an L0 row for its key, and the audit
// trail an event — inside the caller's transaction.
import { eq } from "drizzle-orm";
import { verdicts } from "@/db/schema";
import { type Tx, recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import { appendVerdictChange } from "./change-feed";
import { paramKeys } from "./issue-verdict";
import { noteVerdictWrite } from "./live-index";
import { appliesAt } from "./precedence";

export type LiftedVerdict = { verdictId: number; changeSeq: number };

export function liftVerdict(
  tx: Tx,
  verdictId: number,
  lift: { reason: string; at: string },
  audit: { actorId: number; requestId: string | null; cause?: Record<string, unknown> },
): LiftedVerdict {
  const verdict = tx.select().from(verdicts).where(eq(verdicts.id, verdictId)).get();
  if (!verdict) throw new ActionError("not_found", "verdicts.errors.notFound");
  // Only a verdict that still applies can be lifted; an expired or lifted one already stopped.
  if (!appliesAt(verdict, lift.at)) throw new ActionError("conflict", "verdicts.errors.notInForce");

  tx.update(verdicts).set({ liftedAt: lift.at, liftedReason: lift.reason }).where(eq(verdicts.id, verdictId)).run();
  const changeSeq = appendVerdictChange(tx, {
    verdictId,
    keyType: verdict.scope,
    key: verdict.expressionKey!,
    params: paramKeys(verdict.requiredParams),
    level: "L0",
    expiresAt: null,
    changedAt: lift.at,
  });
  recordAudit(tx, {
    actorId: audit.actorId,
    action: "verdict.lifted",
    targetType: "verdict",
    targetId: verdictId,
    before: { level: verdict.level, expiresAt: verdict.expiresAt, liftedAt: null },
    after: { liftedAt: lift.at, liftedReason: lift.reason, changeSeq, ...audit.cause },
    requestId: audit.requestId,
    at: lift.at,
  });
  noteVerdictWrite();
  return { verdictId, changeSeq };
}
