// Writes a verdict, its change-feed row and its audit event, inside the caller's transaction.
import { type Level, verdicts } from "@/db/schema";
import { type Tx, recordAudit } from "@/lib/audit/record";
import { appendVerdictChange } from "./change-feed";

export type NewVerdict = {
  decisionId: number;
  category: string;
  level: Level;
  startsAt: string;
  /** Null: until lifted. */
  expiresAt: string | null;
  target:
    | { scope: "url"; linkId: number; urlHash: string }
    | { scope: "domain"; registrableDomain: string };
};

export function issueVerdict(
  tx: Tx,
  verdict: NewVerdict,
  audit: { actorId: number; requestId: string | null },
): { verdictId: number; changeSeq: number } {
  const { target } = verdict;
  const verdictId = tx
    .insert(verdicts)
    .values({
      scope: target.scope,
      // A URL verdict is found by its link, a domain verdict by its domain; each keeps only its own key.
      linkId: target.scope === "url" ? target.linkId : null,
      domain: target.scope === "domain" ? target.registrableDomain : null,
      level: verdict.level,
      category: verdict.category,
      decisionId: verdict.decisionId,
      startsAt: verdict.startsAt,
      expiresAt: verdict.expiresAt,
    })
    .returning({ id: verdicts.id })
    .get().id;
  const key = target.scope === "url" ? target.urlHash : target.registrableDomain;
  const changeSeq = appendVerdictChange(tx, {
    verdictId,
    keyType: target.scope,
    key,
    level: verdict.level,
    expiresAt: verdict.expiresAt,
    changedAt: verdict.startsAt,
  });
  recordAudit(tx, {
    actorId: audit.actorId,
    action: "verdict.created",
    targetType: "verdict",
    targetId: verdictId,
    after: {
      scope: target.scope,
      linkId: target.scope === "url" ? target.linkId : null,
      domain: target.scope === "domain" ? target.registrableDomain : null,
      key,
      level: verdict.level,
      category: verdict.category,
      decisionId: verdict.decisionId,
      startsAt: verdict.startsAt,
      expiresAt: verdict.expiresAt,
      changeSeq,
    },
    requestId: audit.requestId,
    at: verdict.startsAt,
  });
  return { verdictId, changeSeq };
}
