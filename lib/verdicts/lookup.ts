// The verdict lookup behind GET /api/v1/links/verdict: the hottest path in the system (every tap on a
// link). Per request it canonicalizes the link and probes the memory index of verdicts in force with
// the link's lookup expressions (lib/verdicts/expressions.ts); it reads the database only when the
// index must catch up with a write. Everything else is in memory too (the registry, grades, rule
// reasons per immutable rule version). It records nothing: no user identity, no URL.
import { eq } from "drizzle-orm";
import { type Level, decisions } from "@/db/schema";
import type { Db } from "@/lib/db";
import { type CanonicalLink, canonicalize } from "@/lib/links/canonicalize";
import { attribute } from "@/lib/platforms/attribution";
import { domainIndex } from "@/lib/platforms/domain-index";
import { type PlatformStanding, platformStanding } from "@/lib/ratings/platform-standing";
import { type CautionCode, type VerdictKind, type VerdictMode, applyMode } from "./modes";
import { strongestVerdict } from "./precedence";
import { lookupTarget } from "./expressions";
import { verdictsInForce } from "./in-force";
import { categoryCodeOf, categoryNumberOf, verdictIndex } from "./live-index";
import { ruleReason } from "./rule-reasons";
import type { IndexMatch } from "./verdict-index";
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

/** The verdicts in force on a link: from the memory index, or the database for a moment before it. */
function matchesFor(db: Db, link: CanonicalLink, nowMs: number): IndexMatch[] {
  const index = verdictIndex(db, nowMs);
  if (index) return index.matches(lookupTarget(link), nowMs);
  return verdictsInForce(db, link, new Date(nowMs)).map((v) => ({
    verdictId: v.id,
    scope: v.scope,
    level: v.level,
    category: categoryNumberOf(v.category),
    ruleVersionId: ruleVersionOf(db, v.decisionId),
    expiresAt: v.expiresAt === null ? Infinity : Date.parse(v.expiresAt),
  }));
}

function ruleVersionOf(db: Db, decisionId: number): number {
  return db.select({ id: decisions.ruleVersionId }).from(decisions).where(eq(decisions.id, decisionId)).get()!.id;
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
  const nowMs = now.getTime();
  let matches = matchesFor(db, link, nowMs);
  if (other && other.urlHash !== link.urlHash) matches = matches.concat(matchesFor(db, other, nowMs));
  const strongest = strongestVerdict(matches.map((m) => ({ ...m, expiresAt: m.expiresAt === Infinity ? null : new Date(m.expiresAt).toISOString() })));
  const winning = strongest && { ...strongest, category: categoryCodeOf(strongest.category) };

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

/** Up to 500 links answered from one state of the index, so every answer comes from the same moment. */
export function lookUpVerdicts(db: Db, rawUrls: readonly string[], mode: VerdictMode, now: Date = new Date()): LookupResult[] {
  return rawUrls.map((url) => lookUpVerdict(db, url, mode, now));
}
