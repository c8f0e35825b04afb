// The platform page's rating data on a real SQLite file, from hand-built cases with known answers:
// the weekly confirmed violations by category, the rectification-time histogram, the recent
// confirmed cases, the snapshot history and "why this grade" — and every query plan uses an index
// and never scans the decisions table.
import { beforeAll, describe, expect, it } from "vitest";
import { ratingSnapshots } from "@/db/schema";
import { reverseDecision } from "@/lib/decisions/reverse";
import { answerNotice } from "@/lib/notices/answer-notice";
import { snapshotRow } from "@/lib/ratings/compute";
import { endOverride, overrideGrade } from "@/lib/ratings/override";
import {
  PLATFORM_REPORT_SQL,
  overrideInForce,
  recentConfirmedCases,
  rectificationDistribution,
  scoreHistory,
  weeklyConfirmedByCategory,
} from "@/lib/ratings/platform-report";
import { explainGrade } from "@/lib/ratings/why";
import { testDatabase } from "./support/database";
import { platformWithDomain, violationWithNotice } from "./support/notices";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-25T12:00:00.000Z"); // a Wednesday; its week starts Monday 2026-11-23
const at = (iso: string) => new Date(iso);
const hoursAfter = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000);

let platformId: number;
let otherPlatformId: number;
const caseIds: Record<string, number> = {};

beforeAll(async () => {
  platformId = platformWithDomain("report-shop", "report-shop-test.com");
  otherPlatformId = platformWithDomain("other-shop", "other-shop-test.com");
  const staff = { kind: "staff" as const, userId: (await makeStaff("manager")).id };
  const senior = await makeStaff("senior");
  const make = async (name: string, category: "fraud_scam" | "rumour" | "gambling", sent: string, answeredAfterHours?: number) => {
    const made = await violationWithNotice("report-shop-test.com", { category, at: at(sent) });
    caseIds[name] = made.caseId;
    if (answeredAfterHours !== undefined) answerNotice(db, staff, { noticeId: made.noticeId, answer: "Removed." }, { now: hoursAfter(sent, answeredAfterHours) });
    return made;
  };
  await make("old", "fraud_scam", "2026-03-02T10:00:00.000Z", 1); // before 26 weeks and 90 days
  await make("late", "rumour", "2026-11-10T10:00:00.000Z", 60); // 48 h deadline: late, 48–72 h
  await make("onTime30h", "rumour", "2026-11-17T10:00:00.000Z", 30); // on time, 24–48 h
  const reversed = await make("reversed", "fraud_scam", "2026-11-18T10:00:00.000Z");
  await make("overdue", "fraud_scam", "2026-11-20T10:00:00.000Z"); // 24 h deadline passed unanswered
  await make("fast", "fraud_scam", "2026-11-24T10:00:00.000Z", 2); // on time, 0–4 h
  await make("waiting", "gambling", "2026-11-25T09:00:00.000Z"); // due 2026-11-26 09:00
  await violationWithNotice("other-shop-test.com", { category: "fraud_scam", at: at("2026-11-24T11:00:00.000Z") });
  const decisionId = (sqlite.prepare("select id from decisions where case_id = ?").get(reversed.caseId) as { id: number }).id;
  reverseDecision(db, senior, { decisionId, reason: "The page was a copy of a legitimate notice." }, { now: at("2026-11-18T12:00:00.000Z") });
});

describe("weeklyConfirmedByCategory", () => {
  it("counts the confirmed violations per Monday-week and category over 26 weeks, leaving out reversed ones and other platforms", () => {
    const { weeks, categories, counts } = weeklyConfirmedByCategory(db, platformId, { now });
    expect(weeks).toHaveLength(26);
    expect(weeks[0]).toBe("2026-06-01");
    expect(weeks.at(-1)).toBe("2026-11-23");
    expect(categories).toEqual(["fraud_scam", "rumour", "gambling"]);
    const week = (w: string) => Object.fromEntries(counts.get(w)!);
    expect(week("2026-11-23")).toEqual({ fraud_scam: 1, gambling: 1 });
    expect(week("2026-11-16")).toEqual({ rumour: 1, fraud_scam: 1 });
    expect(week("2026-11-09")).toEqual({ rumour: 1 });
    const total = [...counts.values()].reduce((sum, m) => sum + [...m.values()].reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(5);
  });

  it("counts nothing sent after `now`, even within the current week", () => {
    const { counts } = weeklyConfirmedByCategory(db, platformId, { now: at("2026-11-24T09:59:59.999Z") });
    expect(Object.fromEntries(counts.get("2026-11-23")!)).toEqual({});
    expect(Object.fromEntries(counts.get("2026-11-16")!)).toEqual({ rumour: 1, fraud_scam: 1 });
  });
});

describe("rectificationDistribution", () => {
  it("buckets the hours to answer over 90 days, on time or late, and counts the overdue and waiting notices", () => {
    const d = rectificationDistribution(db, platformId, { now });
    const byRange = Object.fromEntries(d.buckets.map((b) => [`${b.fromHours}-${b.toHours ?? ""}`, [b.onTime, b.late]]));
    expect(byRange).toEqual({ "0-4": [1, 0], "4-8": [0, 0], "8-12": [0, 0], "12-24": [0, 0], "24-48": [1, 0], "48-72": [0, 1], "72-": [0, 0] });
    expect(d).toMatchObject({ overdue: 1, waiting: 1, answered: 3, medianHours: 30 });
  });

  it("is empty for a platform with no notices", () => {
    const lonely = platformWithDomain("lonely-shop", "lonely-shop-test.com");
    expect(rectificationDistribution(db, lonely, { now })).toMatchObject({ overdue: 0, waiting: 0, answered: 0, medianHours: null });
    expect(weeklyConfirmedByCategory(db, lonely, { now }).categories).toEqual([]);
    expect(recentConfirmedCases(db, lonely)).toEqual([]);
  });
});

describe("recentConfirmedCases", () => {
  it("lists the latest confirmed violations newest first, without the reversed one", () => {
    expect(recentConfirmedCases(db, platformId, 4).map((r) => r.caseId)).toEqual([caseIds.waiting, caseIds.fast, caseIds.overdue, caseIds.onTime30h]);
    expect(recentConfirmedCases(db, platformId, 10)).toHaveLength(6);
  });
});

describe("scoreHistory and explainGrade", () => {
  const counts = { decided: 40, confirmed: 12, noticesOnTime: 5, noticesDue: 10, repeatCases: 3, severitySum: 24, criticalOverdue: 0 };
  const put = (day: string, c: typeof counts, pid = platformId) => {
    db.insert(ratingSnapshots).values(snapshotRow(pid, day, c, now.toISOString())).run();
  };

  beforeAll(() => {
    put("2026-05-01", counts); // older than 180 days
    put("2026-10-26", { ...counts, confirmed: 8, repeatCases: 1, severitySum: 8 }); // 30 days before: 73.3, B
    put("2026-11-18", { ...counts, noticesOnTime: 9 }); // 7 days before: 77.5, B
    put("2026-11-25", counts); // 28 + 15 + 15 + 7.5 = 65.5, C
    put("2026-11-25", { ...counts, decided: 10, confirmed: 3, repeatCases: 0, severitySum: 24, noticesOnTime: 10, criticalOverdue: 1 }, otherPlatformId);
  });

  it("reads the 180 days of snapshots ending on a day, with each component's points", () => {
    const history = scoreHistory(db, platformId, { to: "2026-11-25" });
    expect(history.map((s) => s.day)).toEqual(["2026-10-26", "2026-11-18", "2026-11-25"]);
    expect(history.at(-1)).toMatchObject({ score: 65.5, grade: "C", violationPoints: 28, rectificationPoints: 15, repeatPoints: 15, severityPoints: 7.5 });
    expect(scoreHistory(db, platformId, { to: "2026-11-24" }).map((s) => s.day)).toEqual(["2026-10-26", "2026-11-18"]);
  });

  it("explains the grade with counts, rates and points, and names the component that moved the score most", () => {
    const why = explainGrade(scoreHistory(db, platformId, { to: "2026-11-25" }))!;
    expect(why).toMatchObject({ day: "2026-11-25", score: 65.5, grade: "C", gradeByScore: "C", provisional: false, cappedAtC: false });
    expect(why.components.map((c) => [c.key, c.numerator, c.denominator, c.rate, c.points, c.maxPoints])).toEqual([
      ["violation", 12, 40, 0.3, 28, 40],
      ["rectification", 5, 10, 0.5, 15, 30],
      ["repeat", 3, 12, 0.25, 15, 20],
      ["severity", 24, 12, 0.25, 7.5, 10],
    ]);
    const [week, month] = why.comparisons;
    expect(week).toMatchObject({ days: 7, day: "2026-11-18", scoreBefore: 77.5, gradeBefore: "B", scoreChange: -12, mainMover: "rectification" });
    expect(week!.changes).toEqual({ violation: 0, rectification: -12, repeat: 0, severity: 0 });
    expect(month).toMatchObject({ days: 30, day: "2026-10-26", scoreBefore: 73.3, scoreChange: -7.8, mainMover: "violation" });
    expect(month!.changes).toEqual({ violation: -4, rectification: 0, repeat: -2.5, severity: -1.2 });
  });

  it("says when the grade is capped at C and provisional, and when there is nothing to compare with", () => {
    const why = explainGrade(scoreHistory(db, otherPlatformId, { to: "2026-11-25" }))!;
    expect(why).toMatchObject({ grade: "C", gradeByScore: "B", cappedAtC: true, provisional: true, provisionalBelow: 20 });
    expect(why.comparisons.map((c) => c.day)).toEqual([null, null]);
    expect(explainGrade([])).toBeNull();
  });
});

describe("overrideInForce", () => {
  it("shows the override in force with its reason until it ends or is ended", async () => {
    const manager = await makeStaff("manager");
    const real = new Date();
    expect(overrideInForce(db, platformId, real)).toBeNull();
    overrideGrade(db, manager, { platformId, grade: "B", reason: "Cleared the backlog of notices.", endsAt: new Date(real.getTime() + 5 * 86_400_000).toISOString() });
    expect(overrideInForce(db, platformId, new Date())).toMatchObject({ grade: "B", reason: "Cleared the backlog of notices.", createdByName: manager.name });
    expect(overrideInForce(db, platformId, new Date(real.getTime() + 6 * 86_400_000))).toBeNull();
    endOverride(db, manager, { platformId });
    expect(overrideInForce(db, platformId, new Date())).toBeNull();
  });
});

describe("query plans", () => {
  it.each(Object.entries(PLATFORM_REPORT_SQL))("%s is read through an index and never scans decisions", (_name, query) => {
    const params = (query.match(/\?/g) ?? []).map(() => 1);
    const plan = (sqlite.prepare(`explain query plan ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    expect(plan.join("\n")).not.toMatch(/\bSCAN\b/);
    expect(plan[0]).toMatch(/rating_snapshots_platform_day_uq|notices_platform_idx/);
  });
});
