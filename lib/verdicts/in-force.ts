// The verdicts that apply to a link right now: the URL verdicts on its canonical URL and the domain
// verdicts on its registrable domain. Both lookups run on the verdicts indexes (link, domain).
import { and, asc, eq, gt, isNull, lte, or } from "drizzle-orm";
import { links, verdicts } from "@/db/schema";
import type { Tx } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { strongestVerdict } from "./precedence";

export { appliesAt, compareVerdicts, strongestVerdict } from "./precedence";

export type Verdict = typeof verdicts.$inferSelect;

/** What a link is looked up by: the SHA-256 of its canonical URL and its registrable domain. */
export type VerdictKey = { urlHash?: string | null; registrableDomain?: string | null };

function inForceAt(now: string) {
  return and(
    isNull(verdicts.liftedAt),
    lte(verdicts.startsAt, now),
    or(isNull(verdicts.expiresAt), gt(verdicts.expiresAt, now)),
  );
}

/** Every verdict that applies to the key at `now`, URL verdicts first, each in creation order. */
export function verdictsInForce(db: Db | Tx, key: VerdictKey, now: Date): Verdict[] {
  const at = now.toISOString();
  const onUrl = key.urlHash
    ? db
        .select({ verdict: verdicts })
        .from(links)
        .innerJoin(verdicts, eq(verdicts.linkId, links.id))
        .where(and(eq(links.urlHash, key.urlHash), eq(verdicts.scope, "url"), inForceAt(at)))
        .orderBy(asc(verdicts.id))
        .all()
        .map((row) => row.verdict)
    : [];
  const onDomain = key.registrableDomain
    ? db
        .select()
        .from(verdicts)
        .where(and(eq(verdicts.domain, key.registrableDomain), eq(verdicts.scope, "domain"), inForceAt(at)))
        .orderBy(asc(verdicts.id))
        .all()
    : [];
  return [...onUrl, ...onDomain];
}

/** The one verdict that decides what happens to the key at `now`, or null when nothing applies. */
export function verdictFor(db: Db | Tx, key: VerdictKey, now: Date): Verdict | null {
  return strongestVerdict(verdictsInForce(db, key, now));
}
