// Writes a verdict, its change-feed row and its audit event, inside the caller's transaction.
import { type Level, verdicts } from "@/db/schema";
import { type Tx, recordAudit } from "@/lib/audit/record";
import { appendVerdictChange } from "./change-feed";
import { type BlockPattern, expressionKey } from "./expressions";
import { noteVerdictWrite } from "./live-index";

export type NewVerdict = {
  decisionId: number;
  category: string;
  level: Level;
  startsAt: string;
  /** Null: until lifted. */
  expiresAt: string | null;
  /** The link decided on, and its registrable domain. */
  linkId: number;
  registrableDomain: string;
  /** What the verdict holds on (lib/verdicts/expressions.ts blockPattern). */
  pattern: BlockPattern;
};

/** The feed's parameter keys of a pattern: null unless a URL verdict needs parameters. */
export function paramKeys(requiredParams: readonly string[] | null): string[] | null {
  return requiredParams && requiredParams.length > 0 ? requiredParams.map(expressionKey) : null;
}

export function issueVerdict(
  tx: Tx,
  verdict: NewVerdict,
  audit: { actorId: number; requestId: string | null },
): { verdictId: number; changeSeq: number } {
  const { pattern } = verdict;
  const key = expressionKey(pattern.expression);
  const isDomain = pattern.scope === "domain";
  const row = {
    scope: pattern.scope,
    linkId: isDomain ? null : verdict.linkId,
    domain: isDomain ? verdict.registrableDomain : null,
    expression: pattern.expression,
    expressionKey: key,
    requiredParams: pattern.scope === "url" ? (pattern.requiredParams ?? []) : null,
    level: verdict.level,
    category: verdict.category,
    decisionId: verdict.decisionId,
    startsAt: verdict.startsAt,
    expiresAt: verdict.expiresAt,
  };
  const verdictId = tx.insert(verdicts).values(row).returning({ id: verdicts.id }).get().id;
  const changeSeq = appendVerdictChange(tx, {
    verdictId,
    keyType: pattern.scope,
    key,
    params: paramKeys(row.requiredParams),
    level: verdict.level,
    expiresAt: verdict.expiresAt,
    changedAt: verdict.startsAt,
  });
  recordAudit(tx, {
    actorId: audit.actorId,
    action: "verdict.created",
    targetType: "verdict",
    targetId: verdictId,
    after: { ...row, key, changeSeq },
    requestId: audit.requestId,
    at: verdict.startsAt,
  });
  noteVerdictWrite();
  return { verdictId, changeSeq };
}
