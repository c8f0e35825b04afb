// The facts the recommendation engine needs about a case, read from the database, and the
// recommendation itself for the case page (shown before deciding) and for decideCase.
//
// Inside a decision the readers take the transaction. The published rulebook is read through `db`:
// better-sqlite3 runs every statement on one connection, so that read is inside the transaction too.
import { and, desc, eq, gte, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { type Grade, cases, decisions, links, platforms, ratingSnapshots, verdicts } from "@/db/schema";
import type { Tx } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Db } from "@/lib/db";
import { publishedRulebook } from "@/lib/rules/published-rulebook";
import { type CaseFacts, type Recommendation, type RulebookForEngine, recommend } from "@/lib/rules/recommend";
import { DAY_MS } from "@/lib/time/now";

type Reader = Db | Tx;

type RuleRow = NonNullable<ReturnType<typeof publishedRulebook>>["rules"][number];

/** The newest published rulebook, shaped for the engine, with its row id and rows. */
export type EngineRulebook = { ruleVersionId: number; rows: RuleRow[]; forEngine: RulebookForEngine };

export function engineRulebook(db: Db): EngineRulebook {
  const published = publishedRulebook(db);
  // The seed publishes version 1, so this is a broken installation rather than a refusal.
  if (!published) throw new Error("No published rulebook: decisions need a published rule version.");
  return {
    ruleVersionId: published.version.id,
    rows: published.rules,
    forEngine: {
      version: published.version.version,
      repeatWindowDays: published.version.repeatWindowDays,
      rules: published.rules.map((r) => ({
        category: r.category,
        principle: r.principle,
        severity: r.severity,
        ladder: r.ladder,
        allowsDomainBlock: r.allowsDomainBlock,
        domainBlockThreshold: r.domainBlockThreshold,
      })),
    },
  };
}

/** The case's link and platform: what the facts and the verdict are about. */
export type CaseSubject = {
  caseId: number;
  linkId: number;
  canonicalUrl: string;
  urlHash: string;
  registrableDomain: string;
  platformId: number | null;
  isIndependent: boolean;
};

export function caseSubject(db: Reader, caseId: number): CaseSubject | null {
  const row = db
    .select({
      caseId: cases.id,
      linkId: links.id,
      canonicalUrl: links.canonicalUrl,
      urlHash: links.urlHash,
      registrableDomain: links.registrableDomain,
      platformId: links.platformId,
      isIndependent: platforms.isIndependent,
    })
    .from(cases)
    .innerJoin(links, eq(links.id, cases.linkId))
    .leftJoin(platforms, eq(platforms.id, links.platformId))
    .where(eq(cases.id, caseId))
    .get();
  if (!row) return null;
  // A link without a platform belongs to no registered provider: an independent site.
  return { ...row, isIndependent: row.platformId === null || row.isIndependent !== false };
}

/**
 * Confirmed violations (not reversed) on cases of links with this registrable domain, decided within
 * the repeat window before `now`.
 */
function priorOffences(db: Reader, registrableDomain: string, windowDays: number, now: string): number {
  const since = new Date(Date.parse(now) - windowDays * DAY_MS).toISOString();
  return db
    .select({ n: sql<number>`count(*)` })
    .from(links)
    .innerJoin(cases, eq(cases.linkId, links.id))
    .innerJoin(decisions, eq(decisions.caseId, cases.id))
    .where(
      and(
        eq(links.registrableDomain, registrableDomain),
        eq(decisions.outcome, "violation"),
        isNull(decisions.reversedAt),
        gte(decisions.createdAt, since),
        lte(decisions.createdAt, now),
      ),
    )
    .get()!.n;
}

const inForce = (now: string) =>
  sql`${verdicts.liftedAt} is null and ${verdicts.startsAt} <= ${now} and (${verdicts.expiresAt} is null or ${verdicts.expiresAt} > ${now})`;

/**
 * Other links of the domain still under a verdict: those with a URL verdict in force, and those
 * whose decision put a domain verdict in force. Counted per link, and without the case's own link,
 * because the engine adds the violation being decided itself.
 */
function openViolationsOnDomain(db: Reader, registrableDomain: string, ownLinkId: number, now: string): number {
  const urlLinks = db
    .selectDistinct({ linkId: links.id })
    .from(links)
    .innerJoin(verdicts, and(eq(verdicts.linkId, links.id), eq(verdicts.scope, "url")))
    .where(and(eq(links.registrableDomain, registrableDomain), ne(links.id, ownLinkId), inForce(now)))
    .all();
  const domainDecisions = db
    .select({ decisionId: verdicts.decisionId })
    .from(verdicts)
    .where(and(eq(verdicts.domain, registrableDomain), eq(verdicts.scope, "domain"), inForce(now)))
    .all();
  const domainLinks =
    domainDecisions.length === 0
      ? []
      : db
          .select({ linkId: cases.linkId })
          .from(decisions)
          .innerJoin(cases, eq(cases.id, decisions.caseId))
          .where(inArray(decisions.id, domainDecisions.map((d) => d.decisionId)))
          .all();
  const linkIds = new Set([...urlLinks, ...domainLinks].map((r) => r.linkId));
  linkIds.delete(ownLinkId);
  return linkIds.size;
}

function latestGrade(db: Reader, platformId: number): Grade | null {
  return (
    db
      .select({ grade: ratingSnapshots.grade })
      .from(ratingSnapshots)
      .where(eq(ratingSnapshots.platformId, platformId))
      .orderBy(desc(ratingSnapshots.day), desc(ratingSnapshots.formulaVersion))
      .limit(1)
      .get()?.grade ?? null
  );
}

export function caseFacts(db: Reader, subject: CaseSubject, category: string, repeatWindowDays: number, now: string): CaseFacts {
  return {
    category,
    priorOffences: priorOffences(db, subject.registrableDomain, repeatWindowDays, now),
    openViolationsOnDomain: openViolationsOnDomain(db, subject.registrableDomain, subject.linkId, now),
    platformGrade: subject.isIndependent || subject.platformId === null ? null : latestGrade(db, subject.platformId),
    isIndependent: subject.isIndependent,
  };
}

/** What the published rulebook recommends for deciding this case as a violation of `category`. */
export function recommendationFor(db: Db, caseId: number, category: string, now: Date = new Date()): Recommendation {
  const subject = caseSubject(db, caseId);
  if (!subject) throw new ActionError("not_found", "cases.errors.notFound");
  const rulebook = engineRulebook(db);
  if (!rulebook.rows.some((r) => r.category === category)) {
    throw new ActionError("invalid", "errors.invalid", { category: ["validation.category"] });
  }
  const facts = caseFacts(db, subject, category, rulebook.forEngine.repeatWindowDays, now.toISOString());
  return recommend(rulebook.forEngine, facts);
}
