// Deciding a case: the decision, the verdict it puts in force, the rectification notice to the
// platform and their audit events, in one immediate transaction. Every refusal is an ActionError
// thrown before the first write, so a refused decision leaves the database as it was.
import { eq } from "drizzle-orm";
import { type Level, type Outcome, type VerdictScope, cases, decisions, levels, rectificationNotices } from "@/db/schema";
import { type Tx, recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { isCategoryCode } from "@/lib/rules/categories";
import { type Recommendation, recommend } from "@/lib/rules/recommend";
import { HOUR_MS, isoPlus } from "@/lib/time/now";
import { markRatingStale } from "@/lib/ratings/refresh-marks";
import { canonicalize } from "@/lib/links/canonicalize";
import { type BlockPattern, blockPattern } from "@/lib/verdicts/expressions";
import { issueVerdict } from "@/lib/verdicts/issue-verdict";
import { type CaseSubject, caseFacts, caseSubject, engineRulebook } from "./case-facts";

export { recommendationFor } from "./case-facts";

export const MIN_RATIONALE_LENGTH = 10;

export type DecisionInput = {
  caseId: number;
  /** The case version the decider looked at: a case changed since is refused as stale. */
  caseVersion: number;
  outcome: Outcome;
  category: string;
  /** The link level, L0–L4. L5 is not a level: it is `sanctionProvider`. */
  level: Level;
  /** What an L1–L3 verdict holds on (default: this URL); L4 is always the registrable domain. */
  scope?: VerdictScope | null;
  /** For the path scope: the directory (one of the link's, lib/verdicts/expressions.ts pathScopeChoices). */
  scopePath?: string | null;
  /** The provider sanction (L5) beside the level: senior moderators, registered platforms' links. */
  sanctionProvider?: boolean;
  /** Null: until lifted. Ignored for L0, which puts no verdict in force. */
  durationHours: number | null;
  rationale?: string | null;
  internalNote?: string | null;
  publicNote?: string | null;
};

export type DecisionResult = {
  decisionId: number;
  verdictId: number | null;
  noticeId: number | null;
  recommendation: Recommendation;
};

const NOTICE_HOURS = { critical: 24, other: 48 } as const;

const rank = (level: Level) => levels.indexOf(level);
const trimmedOrNull = (value: string | null | undefined) => value?.trim() || null;

/** The scope a level's verdict holds on: L4 the domain, L1–L3 what the decider chose (this URL by default). */
function scopeOf(input: DecisionInput): VerdictScope | null {
  if (!hasVerdict(input.level)) return null;
  return input.level === "L4" ? "domain" : (input.scope ?? "url");
}

/** Refusals that need no database: who may decide what, and whether the input is consistent. */
function checkInput(actor: Actor, input: DecisionInput) {
  if (!can(actor.role, "cases.decide")) throw new ActionError("forbidden", "errors.forbidden");
  if (input.level === "L5") {
    throw new ActionError("invalid", "errors.invalid", { level: ["decisions.errors.sanctionIsNotALevel"] });
  }
  const senior = can(actor.role, "cases.decideSenior");
  if (input.level === "L4" && !senior) {
    throw new ActionError("forbidden", "decisions.errors.seniorOnly", { level: ["decisions.errors.seniorOnly"] });
  }
  if (input.sanctionProvider && !senior) {
    throw new ActionError("forbidden", "decisions.errors.sanctionSeniorOnly", { sanctionProvider: ["decisions.errors.sanctionSeniorOnly"] });
  }
  if (!isCategoryCode(input.category)) {
    throw new ActionError("invalid", "errors.invalid", { category: ["validation.category"] });
  }
  const violation = input.outcome === "violation";
  if (violation !== (input.level !== "L0")) {
    const key = violation ? "decisions.errors.violationNeedsLevel" : "decisions.errors.noActionWithoutViolation";
    throw new ActionError("invalid", "errors.invalid", { level: [key] });
  }
  if (input.sanctionProvider && !violation) {
    throw new ActionError("invalid", "errors.invalid", { sanctionProvider: ["decisions.errors.sanctionNeedsViolation"] });
  }
  const domainScope = input.level === "L4";
  if (input.scope && hasVerdict(input.level) && (input.scope === "domain") !== domainScope) {
    // L4 is the domain scope and only L4 is: a domain-wide block is the senior's L4 decision.
    throw new ActionError("invalid", "errors.invalid", { scope: ["decisions.errors.scopeNotForLevel"] });
  }
  const rationale = trimmedOrNull(input.rationale);
  if (input.level !== "L0" && [...(rationale ?? "")].length < MIN_RATIONALE_LENGTH) {
    throw new ActionError("invalid", "errors.invalid", { rationale: ["decisions.errors.rationaleTooShort"] });
  }
  const hours = input.durationHours;
  if (hasVerdict(input.level) && hours !== null && !(Number.isInteger(hours) && hours >= 1)) {
    throw new ActionError("invalid", "errors.invalid", { durationHours: ["decisions.errors.durationInvalid"] });
  }
}

/** L1–L4 apply to links; L0 is no action. */
function hasVerdict(level: Level) {
  return rank(level) >= rank("L1") && rank(level) <= rank("L4");
}

/** The pattern the verdict is stored under, checked against what the decider may block. */
function verdictPattern(actor: Actor, input: DecisionInput, subject: CaseSubject): BlockPattern | null {
  const scope = scopeOf(input);
  if (scope === null) return null;
  const canonical = canonicalize(subject.canonicalUrl);
  if (!canonical.ok) throw new Error(`case ${subject.caseId}: stored link does not canonicalize`);
  const choice = scope === "path" ? { scope, path: input.scopePath ?? "" } : { scope };
  const pattern = blockPattern(canonical.link, choice);
  if (!pattern) throw new ActionError("invalid", "errors.invalid", { scopePath: ["decisions.errors.scopePathInvalid"] });
  // A registered platform's host serves every shop and creator on it, like its domain (see recommend.ts).
  if (scope === "host" && !subject.isIndependent && !can(actor.role, "cases.decideSenior")) {
    throw new ActionError("forbidden", "decisions.errors.platformHostSeniorOnly", { scope: ["decisions.errors.platformHostSeniorOnly"] });
  }
  return pattern;
}

/** Refusals that depend on the case as it is now, read inside the transaction. */
function loadDecidableCase(tx: Tx, actor: Actor, input: DecisionInput, now: string) {
  const current = tx.select().from(cases).where(eq(cases.id, input.caseId)).get();
  if (!current) throw new ActionError("not_found", "cases.errors.notFound");
  const where = { currentVersion: [String(current.version)], currentStatus: [current.status] };
  if (current.status !== "open" && current.status !== "escalated") {
    throw new ActionError("conflict", "cases.errors.alreadyDecided", { caseVersion: ["cases.errors.alreadyDecided"], ...where });
  }
  if (current.version !== input.caseVersion) {
    throw new ActionError("conflict", "cases.errors.stale", { caseVersion: ["cases.errors.stale"], ...where });
  }
  const leasedToOther =
    current.assigneeId !== null && current.assigneeId !== actor.id && current.leaseExpiresAt !== null && current.leaseExpiresAt > now;
  if (leasedToOther) throw new ActionError("conflict", "cases.errors.claimedByOther");
  // Four eyes: a case a moderator escalated is decided by a senior moderator.
  if (current.status === "escalated" && !can(actor.role, "cases.decideSenior")) {
    throw new ActionError("forbidden", "decisions.errors.escalatedNeedsSenior");
  }
  return current;
}

export function decideCase(
  db: Db,
  actor: Actor,
  input: DecisionInput,
  options: { now?: Date; requestId?: string | null } = {},
): DecisionResult {
  checkInput(actor, input);
  const now = (options.now ?? new Date()).toISOString();
  const requestId = options.requestId ?? null;

  return db.transaction(
    (tx) => {
      const current = loadDecidableCase(tx, actor, input, now);
      const subject = caseSubject(tx, current.id)!;
      const rulebook = engineRulebook(db); // same connection: inside this transaction (case-facts.ts)
      const rule = rulebook.rows.find((r) => r.category === input.category);
      if (!rule) throw new ActionError("invalid", "errors.invalid", { category: ["decisions.errors.noRule"] });
      const facts = caseFacts(tx, subject, input.category, rulebook.forEngine.repeatWindowDays, now);
      const recommendation = recommend(rulebook.forEngine, facts);

      const violation = input.outcome === "violation";
      // DESIGN.md: L4 only when several links of the domain are confirmed and unrectified or the
      // category is critical — the engine's gate, which it reports as a domain-scope recommendation.
      if (input.level === "L4" && recommendation.scope !== "domain") {
        throw new ActionError("invalid", "decisions.errors.domainBlockNotAllowed", {
          level: ["decisions.errors.domainBlockNotAllowed"],
          reasonEn: [recommendation.explanation.en],
          reasonZh: [recommendation.explanation.zh],
        });
      }
      if (input.sanctionProvider && subject.isIndependent) {
        throw new ActionError("invalid", "errors.invalid", { sanctionProvider: ["decisions.errors.noProviderToSanction"] });
      }
      const providerSanction = input.sanctionProvider === true;
      const pattern = violation ? verdictPattern(actor, input, subject) : null;
      const durationHours = hasVerdict(input.level) ? input.durationHours : null;

      const decision = {
        caseId: current.id,
        caseVersion: current.version,
        deciderId: actor.id,
        outcome: input.outcome,
        category: input.category,
        principle: rule.principle,
        severity: rule.severity,
        level: input.level,
        scope: pattern?.scope ?? null,
        providerSanction,
        durationHours,
        ruleVersionId: rulebook.ruleVersionId,
        offenceNumber: violation ? facts.priorOffences + 1 : null,
        // What the rules call for is only comparable with a violation's level; for "no violation"
        // the recommendation (a violation's handling) stays in the audit event alone.
        recommendedLevel: violation ? recommendation.level : null,
        rationale: trimmedOrNull(input.rationale),
        internalNote: trimmedOrNull(input.internalNote),
        publicNote: trimmedOrNull(input.publicNote),
        createdAt: now,
      };
      const decisionId = tx.insert(decisions).values(decision).returning({ id: decisions.id }).get().id;
      recordAudit(tx, {
        actorId: actor.id,
        action: "decision.recorded",
        targetType: "decision",
        targetId: decisionId,
        after: {
          ...decision,
          expression: pattern?.expression ?? null,
          recommendation: {
            level: recommendation.level,
            durationHours: recommendation.durationHours,
            scope: recommendation.scope,
            alsoSanctionProvider: recommendation.alsoSanctionProvider,
            offenceNumber: recommendation.offenceNumber,
            citation: recommendation.citation,
          },
          facts,
        },
        requestId,
        at: now,
      });

      closeCase(tx, actor, current, decisionId, { now, requestId });
      // The platform's rating counts this decision: today's snapshot is recomputed by the refresher.
      if (input.outcome !== "insufficient_evidence") markRatingStale(db, subject.isIndependent ? null : subject.platformId, now);

      const verdictId = pattern
        ? issueVerdict(
            tx,
            {
              decisionId,
              category: input.category,
              level: input.level,
              startsAt: now,
              expiresAt: durationHours === null ? null : isoPlus(now, durationHours * HOUR_MS),
              linkId: subject.linkId,
              registrableDomain: subject.registrableDomain,
              pattern,
            },
            { actorId: actor.id, requestId },
          ).verdictId
        : null;

      const noticeId =
        violation && !subject.isIndependent && subject.platformId !== null
          ? sendNotice(tx, actor, { subject, decisionId, critical: rule.severity === "critical", providerSanction, now, requestId })
          : null;

      return { decisionId, verdictId, noticeId, recommendation };
    },
    { behavior: "immediate" },
  );
}

function closeCase(
  tx: Tx,
  actor: Actor,
  current: typeof cases.$inferSelect,
  decisionId: number,
  at: { now: string; requestId: string | null },
) {
  const after = { status: "decided" as const, version: current.version + 1, decidedAt: at.now, assigneeId: null, leaseExpiresAt: null };
  tx.update(cases).set(after).where(eq(cases.id, current.id)).run();
  recordAudit(tx, {
    actorId: actor.id,
    action: "case.decided",
    targetType: "case",
    targetId: current.id,
    before: { status: current.status, version: current.version, assigneeId: current.assigneeId, leaseExpiresAt: current.leaseExpiresAt },
    after: { ...after, decisionId },
    requestId: at.requestId,
    at: at.now,
  });
}

/**
 * The rectification notice to the platform that provided the link: 24 hours to answer for a critical
 * violation, 48 otherwise. A provider sanction (L5) rides on the same notice and its audit event.
 */
function sendNotice(
  tx: Tx,
  actor: Actor,
  facts: { subject: CaseSubject; decisionId: number; critical: boolean; providerSanction: boolean; now: string; requestId: string | null },
): number {
  const { subject, now } = facts;
  const platformId = subject.platformId!;
  const deadlineAt = isoPlus(now, (facts.critical ? NOTICE_HOURS.critical : NOTICE_HOURS.other) * HOUR_MS);
  const noticeId = tx
    .insert(rectificationNotices)
    .values({ platformId, caseId: subject.caseId, decisionId: facts.decisionId, sentAt: now, deadlineAt })
    .returning({ id: rectificationNotices.id })
    .get().id;
  recordAudit(tx, {
    actorId: actor.id,
    action: "notice.sent",
    targetType: "notice",
    targetId: noticeId,
    after: { platformId, caseId: subject.caseId, decisionId: facts.decisionId, sentAt: now, deadlineAt, providerSanction: facts.providerSanction },
    requestId: facts.requestId,
    at: now,
  });
  return noticeId;
}
