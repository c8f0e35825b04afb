// The fairness report on a real SQLite file, from decisions taken the way moderators take them
// (fileReport + decideCase): one platform whose links consistently get a harsher level than the
// others' in the same situation is flagged, the others are not; the period decides which decisions
// count; undone and non-violation decisions never do; bad ranges are refused.
import { beforeAll, describe, expect, it } from "vitest";
import { type Level, ruleVersions, rules } from "@/db/schema";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { type FairnessReport, type Situation, fairnessReport, handlingCountsQuery } from "@/lib/fairness/report";
import { addPlatformDomain, createPlatform } from "@/lib/platforms/registry-admin";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import type { CategoryCode } from "@/lib/rules/categories";
import { REPEAT_WINDOW_DAYS, defaultRulebook } from "@/lib/rules/default-rulebook";
import { DAY_MS } from "@/lib/time/now";
import { refusedWithoutWrites, testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
const utc = { now, timeZone: "UTC" };

let moderator: Actor;
let filed = 0;

/**
 * Files a complaint about a fresh URL on `domain` and decides it. Each domain's violations are its
 * offences (1st, 2nd, …), so a situation's "first offence" decisions each use a domain of their own.
 */
function decide(domain: string, category: CategoryCode, level: Level, at: Date = daysAgo(10)): number {
  filed += 1;
  const { caseId } = fileReport(
    db,
    { url: `https://www.${domain}/item/${filed}`, category, scene: "group", reporterHash: reporterHash(`fairness-${filed}`), source: "api" },
    { now: at },
  ).report;
  const { version } = sqlite.prepare("select version from cases where id = ?").get(caseId) as { version: number };
  const outcome = level === "L0" ? "no_violation" : "violation";
  return decideCase(
    db,
    moderator,
    { caseId, caseVersion: version, outcome, category, level, durationHours: null, rationale: "Checked the page and the reports." },
    { now: at },
  ).decisionId;
}

/** A platform with `domains` registrable domains of its own: slug-1.com, slug-2.com, … */
function platformWithDomains(slug: string, name: string, domains: number): string[] {
  const { id } = createPlatform(db, { actorId: null }, { slug, name, nameZh: `${name}（中文）`, kind: "shop" });
  return Array.from({ length: domains }, (_, i) => addPlatformDomain(db, { actorId: null }, { platformId: id, domain: `${slug}-${i + 1}.com`, kind: "registrable" }).domain);
}

const situation = (report: FairnessReport, category: string, offence: number): Situation => {
  const found = report.situations.find((s) => s.category === category && s.offence === offence);
  if (!found) throw new Error(`no situation ${category} / ${offence}`);
  return found;
};
const row = (s: Situation, slug: string) => {
  const found = s.platforms.find((p) => p.platform.slug === slug);
  if (!found) throw new Error(`no row for ${slug}`);
  return found;
};

let alpha: string[];
let beta: string[];
let gamma: string[];
let undoneId: number;

beforeAll(async () => {
  // The published default rulebook, as a fresh installation has it (no demo data: these tests count every decision).
  const ruleVersionId = db
    .insert(ruleVersions)
    .values({ version: 1, status: "published", summary: "Default rulebook", repeatWindowDays: REPEAT_WINDOW_DAYS, createdAt: daysAgo(400).toISOString(), publishedAt: daysAgo(400).toISOString() })
    .returning({ id: ruleVersions.id })
    .get().id;
  for (const rule of defaultRulebook) db.insert(rules).values({ ruleVersionId, ...rule }).run();
  moderator = await makeStaff("moderator");

  alpha = platformWithDomains("alpha", "Alpha Video", 10);
  beta = platformWithDomains("beta", "Beta Shop", 16);
  gamma = platformWithDomains("gamma", "Gamma Social", 10);

  // Rumour, first offence, the last 90 days: Alpha's links get L3 (a block) where the others get a warning.
  for (let i = 0; i < 6; i++) decide(alpha[i]!, "rumour", "L3");
  for (let i = 0; i < 6; i++) decide(beta[i]!, "rumour", "L1");
  for (let i = 0; i < 5; i++) decide(gamma[i]!, "rumour", "L1");
  decide(gamma[5]!, "rumour", "L2");
  decide("independent-rumours.com", "rumour", "L1");
  decide("other-independent-rumours.com", "rumour", "L1");

  // Spam on gamma-7.com four times in a row: its 1st, 2nd, 3rd and 4th offence.
  for (const level of ["L1", "L2", "L3", "L3"] as const) decide(gamma[6]!, "excessive_marketing", level);

  // Not counted: a "no violation" outcome, and a violation that was undone afterwards.
  decide(beta[6]!, "rumour", "L0");
  undoneId = decide(beta[7]!, "rumour", "L3");
  sqlite
    .prepare("update decisions set reversed_at = ?, reversed_by = ?, reversal_kind = 'undo', reversal_reason = 'Wrong case' where id = ?")
    .run(daysAgo(9).toISOString(), moderator.id, undoneId);

  // Five months ago, outside the default period: Beta's links were the harshly handled ones.
  for (let i = 10; i < 16; i++) decide(beta[i]!, "gambling", "L3", daysAgo(150));
  for (const domain of [...alpha.slice(6, 10), ...gamma.slice(7, 9)]) decide(domain, "gambling", "L1", daysAgo(150));
});

describe("the harsher platform in a situation", () => {
  it("flags Alpha's links in 'rumour, 1st offence' and nobody else", () => {
    const report = fairnessReport(db, {}, utc);
    expect(report.period).toMatchObject({ from: "2026-08-27", to: "2026-11-24", days: 90, category: null });
    expect(report.flags.map((f) => [f.situation.category, f.situation.offence, f.handling.platform.slug])).toEqual([["rumour", 1, "alpha"]]);

    const rumour = situation(report, "rumour", 1);
    expect(rumour.decisions).toBe(20);
    // Most decisions first: Alpha, Beta and Gamma 6 each (by name), independent sites 2.
    expect(rumour.platforms.map((p) => p.platform.slug)).toEqual(["alpha", "beta", "gamma", "independent"]);
    const alphaRow = row(rumour, "alpha");
    expect(alphaRow.counts).toEqual({ L1: 0, L2: 0, L3: 6, L4: 0, L5: 0 });
    expect(alphaRow.comparison).toMatchObject({ status: "harsher", decisions: 6, meanLevel: 3, typical: { level: "L3", count: 6 }, otherDecisions: 12 });
    // Compared with the other registered platforms only: Beta's six L1 and Gamma's five L1 and one L2.
    expect(alphaRow.comparison.otherMeanLevel).toBeCloseTo(13 / 12, 10);
    expect(alphaRow.comparison.difference).toBeCloseTo(3 - 13 / 12, 10);

    expect(row(rumour, "beta").counts).toEqual({ L1: 6, L2: 0, L3: 0, L4: 0, L5: 0 });
    expect(row(rumour, "gamma").counts).toEqual({ L1: 5, L2: 1, L3: 0, L4: 0, L5: 0 });
    for (const slug of ["beta", "gamma"]) expect(row(rumour, slug).comparison.status, slug).not.toBe("harsher");
    // Unattributed links form one row of their own, listed but not compared (their domains may be blocked whole).
    expect(row(rumour, "independent")).toMatchObject({ platform: { id: null, name: "Independent sites" }, counts: { L1: 2 } });
    expect(row(rumour, "independent").comparison.status).toBe("not_compared");
  });

  it("buckets offences as 1st, 2nd and 3rd or later", () => {
    const report = fairnessReport(db, { category: "excessive_marketing" }, utc);
    expect(report.situations.map((s) => [s.offence, s.decisions, s.platforms[0]!.counts])).toEqual([
      [1, 1, { L1: 1, L2: 0, L3: 0, L4: 0, L5: 0 }],
      [2, 1, { L1: 0, L2: 1, L3: 0, L4: 0, L5: 0 }],
      [3, 2, { L1: 0, L2: 0, L3: 2, L4: 0, L5: 0 }],
    ]);
    // A platform alone in its situation is compared with nobody.
    expect(report.compared).toBe(0);
    expect(report.situations.every((s) => s.platforms[0]!.comparison.status === "alone")).toBe(true);
  });

  it("counts neither 'no violation' outcomes nor undone decisions", () => {
    const report = fairnessReport(db, { category: "rumour" }, utc);
    expect(report.decisions).toBe(20);
    expect(report.situations).toHaveLength(1);
    // The undone decision is still in the table, only not counted.
    expect((sqlite.prepare("select reversed_at from decisions where id = ?").get(undoneId) as { reversed_at: string }).reversed_at).not.toBeNull();
  });
});

describe("the period", () => {
  it("leaves out decisions before it, and takes them in when it covers them", () => {
    const recent = fairnessReport(db, {}, utc);
    expect(recent.situations.some((s) => s.category === "gambling")).toBe(false);
    expect(recent.decisions).toBe(24);

    const older = fairnessReport(db, { from: "2026-06-01", to: "2026-07-31" }, utc);
    expect(older.decisions).toBe(12);
    expect(older.situations.map((s) => s.category)).toEqual(["gambling"]);
    expect(older.flags.map((f) => [f.situation.category, f.handling.platform.slug])).toEqual([["gambling", "beta"]]);
    // Alpha (four L1) and Gamma (two L1) each had too few decisions to be judged lighter.
    expect(older.lighter).toEqual([]);

    const both = fairnessReport(db, { from: "2026-06-01", to: "2026-11-24" }, utc);
    expect(both.decisions).toBe(36);
    expect(both.flags.map((f) => [f.situation.category, f.handling.platform.slug])).toEqual([
      ["gambling", "beta"],
      ["rumour", "alpha"],
    ]);
  });

  it("counts a decision on the first and the last day of the period, and not one day after", () => {
    const day = daysAgo(10).toISOString().slice(0, 10);
    expect(fairnessReport(db, { from: day, to: day }, utc).decisions).toBe(24);
    const dayBefore = daysAgo(11).toISOString().slice(0, 10);
    expect(fairnessReport(db, { from: dayBefore, to: dayBefore }, utc).decisions).toBe(0);
    // 08:00 UTC is 16:00 in Shanghai, the same calendar day there.
    expect(fairnessReport(db, { from: day, to: day }, { now, timeZone: "Asia/Shanghai" }).decisions).toBe(24);
    // …and exactly midnight, the period's first instant, in Los Angeles (UTC−8 in November).
    expect(fairnessReport(db, { from: day, to: day }, { now, timeZone: "America/Los_Angeles" }).decisions).toBe(24);
  });

  it("is empty, not an error, when nothing was decided in it", () => {
    const report = fairnessReport(db, { from: "2025-01-01", to: "2025-01-31" }, utc);
    expect(report).toMatchObject({ decisions: 0, situations: [], compared: 0, flags: [], lighter: [] });
  });

  it("refuses bad ranges with a clear message and writes nothing", () => {
    const cases: [Record<string, string>, Record<string, string[]>][] = [
      [{ from: "2026-11-02", to: "2026-11-01" }, { from: ["fairness.errors.fromAfterTo"] }],
      [{ from: "2024-01-01", to: "2026-11-24" }, { from: ["fairness.errors.tooLong"] }],
      [{ from: "2026-02-30" }, { from: ["fairness.errors.date"] }],
      [{ category: "not-a-category" }, { category: ["fairness.errors.category"] }],
    ];
    for (const [input, fieldErrors] of cases) {
      const refusal = refusedWithoutWrites(() => fairnessReport(db, input, utc));
      expect(refusal).toBeInstanceOf(ActionError);
      expect(refusal.fieldErrors, JSON.stringify(input)).toEqual(fieldErrors);
    }
  });
});

describe("the query", () => {
  it("reads the period's decisions through the index on decisions.created_at", () => {
    const query = handlingCountsQuery(db, { startIso: "2026-08-27T00:00:00.000Z", endIso: "2026-11-25T00:00:00.000Z", category: null }).toSQL();
    const plan = sqlite.prepare(`explain query plan ${query.sql}`).all(...query.params) as { detail: string }[];
    expect(plan.map((step) => step.detail).join("\n")).toMatch(/SEARCH decisions USING INDEX decisions_created_idx \(created_at>\? AND created_at<\?\)/);
  });
});
