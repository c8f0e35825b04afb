// The verdicts that hold on a link right now, read from the database: the link's lookup expressions
// (lib/verdicts/expressions.ts) by their SHA-256 keys on verdicts_expression_idx, then each scope's
// own rule. The written record behind the memory index that answers lookups (live-index.ts), used
// where a write depends on the answer (restore requests) and to check the index against.
import { and, asc, gt, inArray, isNull, lte, or } from "drizzle-orm";
import { verdicts } from "@/db/schema";
import type { Tx } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { type CanonicalLink, canonicalize } from "@/lib/links/canonicalize";
import { allExpressions, expressionKey, holdsFor, lookupTarget } from "./expressions";
import { strongestVerdict } from "./precedence";

export { appliesAt, compareVerdicts, strongestVerdict } from "./precedence";

export type Verdict = typeof verdicts.$inferSelect;

function inForceAt(now: string) {
  return and(isNull(verdicts.liftedAt), lte(verdicts.startsAt, now), or(isNull(verdicts.expiresAt), gt(verdicts.expiresAt, now)));
}

/** A canonical link, or a stored link's canonical URL. */
export type LinkRef = CanonicalLink | { canonicalUrl: string };

function canonicalOf(link: LinkRef): CanonicalLink {
  if ("path" in link) return link;
  const canonical = canonicalize(link.canonicalUrl);
  if (!canonical.ok) throw new Error(`not a canonical link: ${link.canonicalUrl}`);
  return canonical.link;
}

/** Every verdict that holds on the link at `now`, in creation order. */
export function verdictsInForce(db: Db | Tx, link: LinkRef, now: Date): Verdict[] {
  const target = lookupTarget(canonicalOf(link));
  const keys = [...new Set(allExpressions(target))].map(expressionKey);
  const rows = db
    .select()
    .from(verdicts)
    .where(and(inArray(verdicts.expressionKey, keys), inForceAt(now.toISOString())))
    .orderBy(asc(verdicts.id))
    .all();
  return rows.filter((row) => holdsFor({ scope: row.scope, expression: row.expression!, requiredParams: row.requiredParams }, target));
}

/** The one verdict that decides what happens to the link at `now`, or null when nothing applies. */
export function verdictFor(db: Db | Tx, link: LinkRef, now: Date): Verdict | null {
  return strongestVerdict(verdictsInForce(db, link, now));
}

/** The domain-wide (L4) verdicts in force on a registrable domain. */
export function domainVerdictsInForce(db: Db | Tx, registrableDomain: string, now: Date): Verdict[] {
  return db
    .select()
    .from(verdicts)
    .where(and(inArray(verdicts.expressionKey, [expressionKey(`${registrableDomain}/`)]), inForceAt(now.toISOString())))
    .all()
    .filter((row) => row.scope === "domain");
}
