// The verdict lookup behind the client API, on a real SQLite file: each level in each mode, reasons
// from the rule the decision was made under, expiry and lifting, both readings of a backslash, grades
// from snapshots and overrides — and a client mirroring the change feed reaches the same verdicts.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { type Grade, type Level, type VerdictScope, gradeOverrides, platforms, ratingSnapshots } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { canonicalize } from "@/lib/links/canonicalize";
import { invalidatePlatformStanding } from "@/lib/ratings/platform-standing";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import type { CategoryCode } from "@/lib/rules/categories";
import { HOUR_MS } from "@/lib/time/now";
import { verdictChangesSince } from "@/lib/verdicts/change-feed";
import { expressionKey, lookupTarget } from "@/lib/verdicts/expressions";
import { liftVerdict } from "@/lib/verdicts/lift-verdict";
import { type LinkVerdict, lookUpVerdict, lookUpVerdicts } from "@/lib/verdicts/lookup";
import type { VerdictMode } from "@/lib/verdicts/modes";
import { strongestVerdict } from "@/lib/verdicts/precedence";
import { eq } from "drizzle-orm";
import { testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
// Far enough after the demo data that no demo verdict is on these test links.
const now = new Date("2026-11-24T08:00:00.000Z");
const at = (ms: number) => new Date(now.getTime() + ms);

let moderator: Actor;
let senior: Actor;
let reporters = 0;

function decide(url: string, category: CategoryCode, level: Level, durationHours: number | null, actor = moderator) {
  reporters += 1;
  const { caseId } = fileReport(db, { url, category, scene: "group", reporterHash: reporterHash(`lookup-${reporters}`), source: "api" }, { now }).report;
  const { version } = sqlite.prepare("select version from cases where id = ?").get(caseId) as { version: number };
  return decideCase(
    db,
    actor,
    { caseId, caseVersion: version, outcome: "violation", category, level, durationHours, rationale: "Checked the page and confirmed it." },
    { now },
  );
}

function look(url: string, mode: VerdictMode = "standard", when: Date = at(60_000)): LinkVerdict {
  const result = lookUpVerdict(db, url, mode, when);
  if (!result.ok) throw new Error(result.message);
  return result.verdict;
}

beforeAll(async () => {
  await seedDemo(db, { now: new Date("2026-06-01T00:00:00.000Z") });
  moderator = await makeStaff("moderator");
  senior = await makeStaff("senior");
});

describe("lookUpVerdict", () => {
  it("allows a link nobody has decided on, naming its platform", () => {
    const answer = look("https://item.jd.com/100000001.html?spm=a1.b2");
    expect(answer).toMatchObject({
      verdict: "allow",
      level: "L0",
      shareable: true,
      reasons: [],
      canonicalUrl: "https://item.jd.com/100000001.html",
      platform: { slug: "jd", name: "JD.com" },
      expiresAt: null,
      ttlSeconds: 300,
      mode: "standard",
    });
  });

  it("warns on L1 except in relaxed mode, with the rule's reason in both languages", () => {
    decide("https://www.bilibili.com/video/BV-lookup-l1", "rumour", "L1", 72);
    const standard = look("https://www.bilibili.com/video/BV-lookup-l1");
    expect(standard).toMatchObject({ verdict: "warn", level: "L1", shareable: true });
    const rule = sqlite.prepare("select reason_en, reason_zh from rules where category = 'rumour' order by rule_version_id desc").get() as { reason_en: string; reason_zh: string };
    expect(standard.reasons).toEqual([{ kind: "verdict", code: "rumour", level: "L1", en: rule.reason_en, zh: rule.reason_zh }]);
    expect(look("https://www.bilibili.com/video/BV-lookup-l1", "relaxed")).toMatchObject({ verdict: "allow", level: "L1", reasons: [] });
  });

  it("restricts sharing at L2 in every mode", () => {
    decide("https://www.bilibili.com/video/BV-lookup-l2", "induced_sharing", "L2", 24);
    for (const mode of ["standard", "strict", "relaxed"] as const) {
      expect(look("https://www.bilibili.com/video/BV-lookup-l2", mode)).toMatchObject({ verdict: "warn", level: "L2", shareable: false });
    }
  });

  it("blocks at L3 in every mode; the answer's ttl never outlives the verdict", () => {
    decide("https://www.bilibili.com/video/BV-lookup-l3", "infringement", "L3", 1);
    for (const mode of ["standard", "strict", "relaxed"] as const) {
      const answer = look("https://www.bilibili.com/video/BV-lookup-l3", mode, at(HOUR_MS - 100_000));
      expect(answer).toMatchObject({ verdict: "block", level: "L3", expiresAt: at(HOUR_MS).toISOString(), ttlSeconds: 100 });
    }
    // Expired: nothing applies, no job needed.
    expect(look("https://www.bilibili.com/video/BV-lookup-l3", "standard", at(HOUR_MS + 1))).toMatchObject({ verdict: "allow", level: "L0" });
  });

  it("blocks every URL of a domain under L4, and stops once the verdict is lifted", () => {
    decide("https://spin-wheel-casino.top/a", "gambling", "L3", null, senior);
    const { verdictId } = decide("https://spin-wheel-casino.top/b", "gambling", "L4", null, senior);
    const other = look("https://www.spin-wheel-casino.top/never/reported");
    expect(other).toMatchObject({ verdict: "block", level: "L4", platform: null, expiresAt: null });

    db.transaction((tx) => liftVerdict(tx, verdictId!, { reason: "test", at: at(120_000).toISOString() }, { actorId: senior.id, requestId: null }), { behavior: "immediate" });
    expect(look("https://www.spin-wheel-casino.top/never/reported", "standard", at(180_000))).toMatchObject({ verdict: "allow", level: "L0" });
    // The URL's own L3 still holds.
    expect(look("https://spin-wheel-casino.top/a", "standard", at(180_000))).toMatchObject({ verdict: "block", level: "L3" });
  });

  it("checks both readings of a backslash: the URL spec's host and the browser's", () => {
    decide("https://fake-bank-login.top/signin", "phishing_malware", "L3", null);
    // Spec reading: host fake-bank-login.top. Browser reading: host taobao.com. The block applies.
    expect(look("https://taobao.com\\@fake-bank-login.top/signin")).toMatchObject({ verdict: "block" });
    // And the other way round: a browser would open fake-bank-login.top.
    expect(look("https://fake-bank-login.top\\signin")).toMatchObject({ verdict: "block" });
  });

  it("adds the strict mode's cautions, and drops grade warnings in relaxed mode", () => {
    expect(look("http://203.0.113.9/download.apk", "strict")).toMatchObject({ verdict: "warn", platform: null });
    expect(look("http://203.0.113.9/download.apk", "strict").reasons.map((r) => r.code)).toEqual(["unattributed_domain", "ip_literal"]);
    expect(look("https://t.cn/A6lookup", "strict").reasons.map((r) => r.code)).toContain("short_link");
    expect(look("https://t.cn/A6lookup", "standard")).toMatchObject({ verdict: "allow" });

    const weibo = db.select().from(platforms).where(eq(platforms.slug, "weibo")).get()!;
    const snapshot = (grade: Grade, day: string) => ({
      platformId: weibo.id, day, formulaVersion: 1, score: grade === "D" ? 40 : 60, grade, provisional: false, cappedAtC: false,
      violationRate: 0.5, rectificationRate: 0.5, repeatRate: 0.5, severityIndex: 0.5, decided: 40, confirmed: 20,
      noticesOnTime: 5, noticesDue: 10, repeatCases: 10, severitySum: 80, computedAt: now.toISOString(),
    });
    db.insert(ratingSnapshots).values([snapshot("C", "2026-11-22"), snapshot("D", "2026-11-23")]).run();
    invalidatePlatformStanding();
    const graded = look("https://weibo.com/u/lookup");
    expect(graded).toMatchObject({ verdict: "warn", platform: { slug: "weibo", grade: "D", overridden: false } });
    expect(graded.reasons.map((r) => r.code)).toEqual(["platform_grade_d"]);
    expect(look("https://weibo.com/u/lookup", "relaxed")).toMatchObject({ verdict: "allow", reasons: [] });

    // A manager's override is the grade in force while it lasts.
    db.insert(gradeOverrides)
      .values({ platformId: weibo.id, grade: "B", reason: "Rectified in bulk", startsAt: now.toISOString(), endsAt: at(24 * HOUR_MS).toISOString(), createdBy: senior.id, createdAt: now.toISOString() })
      .run();
    invalidatePlatformStanding();
    expect(look("https://weibo.com/u/lookup")).toMatchObject({ verdict: "allow", platform: { grade: "B", overridden: true } });
    invalidatePlatformStanding();
    expect(look("https://weibo.com/u/lookup", "standard", at(25 * HOUR_MS))).toMatchObject({ verdict: "warn", platform: { grade: "D" } });
    invalidatePlatformStanding();
  });

  it("refuses what is not a link", () => {
    expect(lookUpVerdict(db, "javascript:alert(1)", "standard", now)).toMatchObject({ ok: false, reason: "unsupported_scheme" });
    expect(lookUpVerdict(db, "   ", "standard", now)).toMatchObject({ ok: false, reason: "empty" });
  });

  it("answers a batch in order, a bad link in its place", () => {
    const results = lookUpVerdicts(db, ["https://fake-bank-login.top/signin", "ftp://x", "https://item.jd.com/1.html"], "standard", at(60_000));
    expect(results.map((r) => (r.ok ? r.verdict.verdict : r.reason))).toEqual(["block", "unsupported_scheme", "allow"]);
  });
});

describe("the change feed", () => {
  it("lets a client that mirrors it reach the server's verdict for every link", () => {
    // The mirror, by the README's rule: every feed row per key, minus the verdicts an L0 row says were
    // lifted; a link meets the rows under the SHA-256 of its lookup expressions, a URL-scope row only
    // on a whole-path expression and with all its parameter hashes among the link's.
    const rows = verdictChangesSince(db, 0, 1_000_000);
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
    const lifted = new Set(rows.filter((r) => r.level === "L0").map((r) => r.verdictId));
    type Mirrored = { id: number; level: Level; scope: VerdictScope; params: string[] | null; expiresAt: string | null; startsAt: string };
    const mirror = new Map<string, Mirrored[]>();
    for (const row of rows) {
      if (row.level === "L0" || lifted.has(row.verdictId)) continue;
      mirror.set(row.key, [...(mirror.get(row.key) ?? []), { id: row.verdictId, level: row.level, scope: row.keyType, params: row.params, expiresAt: row.expiresAt, startsAt: row.changedAt }]);
    }
    const mirrored = (url: string, when: Date) => {
      const link = canonicalize(url);
      if (!link.ok) throw new Error(url);
      const target = lookupTarget(link.link);
      const paramKeys = new Set(target.params.map(expressionKey));
      const t = when.toISOString();
      const underWholePath = (v: Mirrored) => v.scope !== "url" || (v.params ?? []).every((p) => paramKeys.has(p));
      const candidates = [
        ...target.expressions.flatMap((expression, i) =>
          (mirror.get(expressionKey(expression)) ?? []).filter((v) => (i % target.pathsPerHost === 0 ? underWholePath(v) : v.scope !== "url")),
        ),
        ...target.paramExpressions.flatMap((expression) => (mirror.get(expressionKey(expression)) ?? []).filter((v) => v.scope === "url" && underWholePath(v))),
      ]
        .filter((v) => v.startsAt <= t && (v.expiresAt === null || v.expiresAt > t));
      return strongestVerdict(candidates)?.level ?? "L0";
    };

    const urls = sqlite.prepare("select canonical_url as u from links order by id").all().map((r) => (r as { u: string }).u);
    urls.push("https://www.spin-wheel-casino.top/never/reported");
    expect(urls.length).toBeGreaterThan(100);
    for (const when of [at(-200 * 24 * HOUR_MS), at(-30 * 24 * HOUR_MS), at(30_000), at(3 * HOUR_MS)]) {
      for (const url of urls) expect(mirrored(url, when), `${url} at ${when.toISOString()}`).toBe(look(url, "standard", when).level);
    }
  });
});
