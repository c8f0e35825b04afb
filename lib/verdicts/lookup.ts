// The verdict lookup behind GET /api/v1/links/verdict: the hottest path in the system (every tap on a
// link). Per request it canonicalizes the link and runs two indexed queries; everything that can be
// done once is done once (prepared statements per connection, the registry and grades in memory,
// rule reasons cached per immutable rule version). It records nothing: no user identity, no URL.
import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import { type Level, decisions, links, verdicts } from "@/db/schema";
import type { Db } from "@/lib/db";
import { type CanonicalLink, canonicalize } from "@/lib/links/canonicalize";
import { attribute } from "@/lib/platforms/attribution";
import { domainIndex } from "@/lib/platforms/domain-index";
import { type PlatformStanding, platformStanding } from "@/lib/ratings/platform-standing";
import { type CautionCode, type VerdictKind, type VerdictMode, applyMode } from "./modes";
import { strongestVerdict } from "./precedence";
import { ruleReason } from "./rule-reasons";
import { cautionTexts } from "./user-texts";

/** How long a client may keep an answer: five minutes, or less when the verdict expires sooner. */
export const DEFAULT_TTL_SECONDS = 300;

export type VerdictReason =
  | { kind: "verdict"; code: string; level: Level; en: string; zh: string }
  | { kind: "caution"; code: CautionCode; en: string; zh: string };

export type LinkVerdict = {
  verdict: VerdictKind;
  level: Level;
  shareable: boolean;
  reasons: VerdictReason[];
  canonicalUrl: string;
  platform: {
    id: number;
    slug: string;
    name: string;
    nameZh: string;
    grade: PlatformStanding["grade"];
    provisional: boolean;
    overridden: boolean;
  } | null;
  expiresAt: string | null;
  ttlSeconds: number;
  mode: VerdictMode;
};

export type LookupResult = { ok: true; verdict: LinkVerdict } | { ok: false; reason: string; message: string };

type VerdictRow = {
  level: Level;
  scope: "url" | "domain";
  category: string;
  expiresAt: string | null;
  ruleVersionId: number;
};

const inForce = and(
  isNull(verdicts.liftedAt),
  lte(verdicts.startsAt, sql.placeholder("now")),
  or(isNull(verdicts.expiresAt), gt(verdicts.expiresAt, sql.placeholder("now"))),
);
const verdictColumns = {
  level: verdicts.level,
  scope: verdicts.scope,
  category: verdicts.category,
  expiresAt: verdicts.expiresAt,
  ruleVersionId: decisions.ruleVersionId,
};

// The URL verdicts (through the link's hash) and the domain verdicts (by registrable domain) in one
// statement: each lookup pays for one statement execution instead of two. UNION ALL returns the
// URL verdicts' rows first, then the domain verdicts', as two queries in that order did.
function prepareStatements(db: Db) {
  const onUrl = db
    .select(verdictColumns)
    .from(links)
    .innerJoin(verdicts, eq(verdicts.linkId, links.id))
    .innerJoin(decisions, eq(decisions.id, verdicts.decisionId))
    .where(and(eq(links.urlHash, sql.placeholder("urlHash")), eq(verdicts.scope, "url"), inForce));
  const onDomain = db
    .select(verdictColumns)
    .from(verdicts)
    .innerJoin(decisions, eq(decisions.id, verdicts.decisionId))
    .where(and(eq(verdicts.domain, sql.placeholder("domain")), eq(verdicts.scope, "domain"), inForce));
  return { onUrlOrDomain: onUrl.unionAll(onDomain).prepare() };
}

const prepared = new WeakMap<object, ReturnType<typeof prepareStatements>>();
function statements(db: Db) {
  let s = prepared.get(db.$client);
  if (!s) prepared.set(db.$client, (s = prepareStatements(db)));
  return s;
}

function verdictRowsFor(db: Db, link: CanonicalLink, now: string): VerdictRow[] {
  return statements(db).onUrlOrDomain.all({ urlHash: link.urlHash, domain: link.registrableDomain, now }) as VerdictRow[];
}

/**
 * A link with a backslash in it reads differently to the URL spec (`\` is part of the authority)
 * and to browsers (`\` is `/`), so `http://a.example\@b.example/` names b.example to one and
 * a.example to the other. Both readings are looked up and the stronger verdict applies.
 */
function otherReading(rawUrl: string): CanonicalLink | null {
  if (!rawUrl.includes("\\")) return null;
  const other = canonicalize(rawUrl.replaceAll("\\", "/"));
  return other.ok ? other.link : null;
}

export function lookUpVerdict(db: Db, rawUrl: string, mode: VerdictMode, now: Date = new Date()): LookupResult {
  const canonical = canonicalize(rawUrl);
  const other = otherReading(rawUrl);
  // A backslash the spec cannot place in a host (`https://a.example\path`) still opens in a browser.
  if (!canonical.ok && !other) return { ok: false, reason: canonical.reason, message: canonical.message };
  const link = canonical.ok ? canonical.link : other!;
  const at = now.toISOString();

  let rows = verdictRowsFor(db, link, at);
  if (other && other.urlHash !== link.urlHash) rows = rows.concat(verdictRowsFor(db, other, at));
  const winning = strongestVerdict(rows);

  const attribution = attribute(domainIndex(db), link.host, link.registrableDomain);
  const standing = attribution.platform ? platformStanding(db, attribution.platform.id, now.getTime()) : null;
  const outcome = applyMode(mode, {
    level: winning?.level ?? null,
    grade: standing?.grade ?? null,
    attributed: attribution.platform !== null,
    isShortLink: attribution.isShortLink,
    isIpLiteral: link.isIpLiteral,
    isMixedScript: link.isMixedScript,
  });

  const reasons: VerdictReason[] = [];
  if (winning && outcome.verdictApplies) {
    reasons.push({ kind: "verdict", code: winning.category, level: winning.level, ...ruleReason(db, winning.ruleVersionId, winning.category) });
  }
  for (const code of outcome.cautions) reasons.push({ kind: "caution", code, ...cautionTexts[code] });

  const expiresAt = winning?.expiresAt ?? null;
  const untilExpiry = expiresAt === null ? Infinity : Math.ceil((Date.parse(expiresAt) - now.getTime()) / 1000);
  return {
    ok: true,
    verdict: {
      verdict: outcome.verdict,
      level: winning?.level ?? "L0",
      shareable: outcome.shareable,
      reasons,
      canonicalUrl: link.canonicalUrl,
      platform: standing && {
        id: standing.id,
        slug: standing.slug,
        name: standing.name,
        nameZh: standing.nameZh,
        grade: standing.grade,
        provisional: standing.provisional,
        overridden: standing.overridden,
      },
      expiresAt,
      ttlSeconds: Math.max(1, Math.min(DEFAULT_TTL_SECONDS, untilExpiry)),
      mode,
    },
  };
}

/** Up to 500 links read in one transaction, so every answer comes from the same moment of the data. */
export function lookUpVerdicts(db: Db, rawUrls: readonly string[], mode: VerdictMode, now: Date = new Date()): LookupResult[] {
  return db.transaction(() => rawUrls.map((url) => lookUpVerdict(db, url, mode, now)), { behavior: "deferred" });
}
