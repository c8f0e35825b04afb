// One decision applied to several cases (for example every open case on one domain): each case gets
// its own decision, verdict, notice and audit events through decideCase, all inside ONE immediate
// transaction, so either every case is decided or none is. A refusal for any case refuses the whole
// bulk, naming that case and why.
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";
import { type DecisionInput, type DecisionResult, decideCase } from "@/lib/decisions/decide";

export const MAX_BULK_CASES = 200;

export type BulkDecisionInput = Omit<DecisionInput, "caseId" | "caseVersion"> & {
  /** Each case with the version the moderator saw in the queue. */
  cases: { caseId: number; caseVersion: number }[];
};

export type BulkDecisionResult = { decided: (DecisionResult & { caseId: number })[] };

export function bulkDecide(
  db: Db,
  actor: Actor,
  input: BulkDecisionInput,
  options: { now?: Date; requestId?: string | null } = {},
): BulkDecisionResult {
  const { cases, ...decision } = input;
  const ids = cases.map((c) => c.caseId);
  if (cases.length === 0 || cases.length > MAX_BULK_CASES || new Set(ids).size !== ids.length) {
    throw new ActionError("invalid", "errors.invalid", { cases: ["queue.bulk.errors.caseCount"] });
  }
  const now = options.now ?? new Date();
  const requestId = options.requestId ?? null;
  return db.transaction(
    (tx) => {
      const decided: BulkDecisionResult["decided"] = [];
      for (const { caseId, caseVersion } of cases) {
        try {
          // Nested in this transaction, decideCase runs in a savepoint: its writes commit with the rest.
          decided.push({ caseId, ...decideCase(db, actor, { ...decision, caseId, caseVersion }, { now, requestId }) });
        } catch (error) {
          if (!(error instanceof ActionError)) throw error;
          throw new ActionError(error.code, "queue.bulk.errors.refused", {
            ...error.fieldErrors,
            caseId: [String(caseId)],
            reason: [error.message],
          });
        }
      }
      recordAudit(tx, {
        actorId: actor.id,
        action: "decision.bulk",
        targetType: "case",
        targetId: null,
        after: {
          caseIds: ids,
          decisionIds: decided.map((d) => d.decisionId),
          outcome: decision.outcome,
          category: decision.category,
          level: decision.level,
          scope: decision.scope ?? null,
          providerSanction: decision.sanctionProvider === true,
          durationHours: decision.durationHours,
        },
        requestId,
        at: now.toISOString(),
      });
      return { decided };
    },
    { behavior: "immediate" },
  );
}
