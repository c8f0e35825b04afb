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

/**
 * The verdicts in force on a link: from the memory index, or from the database for a moment before
 * what the index keeps, or when asked (to check the index against what is written).
 */
function matchesFor(db: Db, link: CanonicalLink, nowMs: number, fromDatabase: boolean): IndexMatch[] {
  const index = fromDatabase ? null : verdictIndex(db, nowMs);
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

/** The verdict that applies among those met (lib/verdicts/precedence.ts), in the answer's terms. */
function strongestMatch(matches: IndexMatch[]) {
  if (matches.length === 0) return null;
  const ranked = matches.map((m) => ({ ...m, id: m.verdictId, expiresAt: m.expiresAt === Infinity ? null : new Date(m.expiresAt).toISOString() }));
  const strongest = matches.length === 1 ? ranked[0]! : strongestVerdict(ranked)!;
  return { ...strongest, category: categoryCodeOf(strongest.category) };
}

function ruleVersionOf(db: Db, decisionId: number): number {
  return db.select({ id: decisions.ruleVersionId }).from(decisions).where(eq(decisions.id, decisionId)).get()!.id;
}

// The parts of an answer that repeat are the same objects each time (answer-json.ts serializes each once).
const cautionReasons = Object.fromEntries(
  Object.entries(cautionTexts).map(([code, texts]) => [code, Object.freeze({ kind: "caution" as const, code: code as CautionCode, ...texts })]),
) as Record<CautionCode, VerdictReason>;
const verdictReasons = new Map<string, VerdictReason>();
const platformAnswers = new WeakMap<PlatformStanding, NonNullable<LinkVerdict["platform"]>>();

function verdictReason(db: Db, ruleVersionId: number, category: string, level: Level): VerdictReason {
  const key = `${ruleVersionId}:${category}:${level}`;
  let reason = verdictReasons.get(key);
  if (!reason) verdictReasons.set(key, (reason = Object.freeze({ kind: "verdict" as const, code: category, level, ...ruleReason(db, ruleVersionId, category) })));
  return reason;
}

function platformAnswer(standing: PlatformStanding): NonNullable<LinkVerdict["platform"]> {
  let platform = platformAnswers.get(standing);
  if (!platform) {
    const { id, slug, name, nameZh, grade, provisional, overridden } = standing;
    platformAnswers.set(standing, (platform = Object.freeze({ id, slug, name, nameZh, grade, provisional, overridden })));
  }
  return platform;
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

export function lookUpVerdict(db: Db, rawUrl: string, mode: VerdictMode, now: Date = new Date(), options: { fromDatabase?: boolean } = {}): LookupResult {
  const canonical = canonicalize(rawUrl);
  const other = otherReading(rawUrl);
  // A backslash the spec cannot place in a host (`https://a.example\path`) still opens in a browser.
  if (!canonical.ok && !other) return { ok: false, reason: canonical.reason, message: canonical.message };
  const link = canonical.ok ? canonical.link : other!;
  const nowMs = now.getTime();
  const fromDatabase = options.fromDatabase === true;
  let matches = matchesFor(db, link, nowMs, fromDatabase);
  if (other && other.canonicalUrl !== link.canonicalUrl) matches = matches.concat(matchesFor(db, other, nowMs, fromDatabase));
  const winning = strongestMatch(matches);

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
    reasons.push(verdictReason(db, winning.ruleVersionId, winning.category, winning.level));
  }
  for (const code of outcome.cautions) reasons.push(cautionReasons[code]);

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
      platform: standing && platformAnswer(standing),
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
