// The console home's operations series on a real SQLite file, from hand-built cases with known
// answers: complaints in, decisions out, the backlog wound back to each day's end, SLA breaches by
// severity, the median wait for a decision (from the latest reopening after an undo), days in the
// viewer's time zone — and the queries' plans use indexes.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { undoDecision } from "@/lib/decisions/undo";
import { OPERATIONS_SQL, cachedOperationsSeries, operationDays, operationsSeries } from "@/lib/operations/daily-operations";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import type { CategoryCode } from "@/lib/rules/categories";
import { publishDraft } from "@/lib/rules/publish";
import { publishedRulebook } from "@/lib/rules/published-rulebook";
import { testDatabase } from "./support/database";
import { changedDraftNumber } from "./support/rule-drafts";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-25T12:00:00.000Z");
let moderator: Actor;
let reports = 0;

function report(url: string, category: CategoryCode, at: string): number {
  reports += 1;
  const filed = fileReport(db, { url, category, scene: "group", reporterHash: reporterHash(`ops-reporter-${reports}`), source: "api" }, { now: new Date(at) });
  return filed.report.caseId;
}

function decide(caseId: number, at: string): number {
  const version = (sqlite.prepare("select version from cases where id = ?").get(caseId) as { version: number }).version;
  return decideCase(
    db,
    moderator,
    { caseId, caseVersion: version, outcome: "no_violation", category: "rumour", level: "L0", durationHours: null, rationale: "Nothing wrong on the page." },
    { now: new Date(at) },
  ).decisionId;
}

beforeAll(async () => {
  if (!publishedRulebook(db)) publishDraft(db, { actorId: null }, { version: changedDraftNumber(), summary: "Rulebook for operations tests" });
  moderator = await makeStaff("moderator");
  // X: a medium complaint from before the range, never decided; a second report joins it on 11-24.
  report("https://ops-x-test.com/a", "rumour", "2026-11-20T00:00:00.000Z");
  report("https://ops-x-test.com/a", "rumour", "2026-11-24T05:00:00.000Z");
  // Y: critical, opened 11-23 06:00, decided 36 h later.
  const y = report("https://ops-y-test.com/a", "fraud_scam", "2026-11-23T06:00:00.000Z");
  decide(y, "2026-11-24T18:00:00.000Z");
  // Z: medium, opened 11-22 10:00, waiting.
  report("https://ops-z-test.com/a", "rumour", "2026-11-22T10:00:00.000Z");
  // W: critical, opened 11-24 02:00, waiting.
  report("https://ops-w-test.com/a", "gambling", "2026-11-24T02:00:00.000Z");
  // V: opened 11-25 01:00, decided at 03:00, undone at 03:05 (reopened), decided again at 05:05.
  const v = report("https://ops-v-test.com/a", "rumour", "2026-11-25T01:00:00.000Z");
  const first = decide(v, "2026-11-25T03:00:00.000Z");
  undoDecision(db, moderator, { decisionId: first }, { now: new Date("2026-11-25T03:05:00.000Z") });
  decide(v, "2026-11-25T05:05:00.000Z");
});

describe("operationsSeries", () => {
  it("counts each UTC day's complaints, decisions, backlog at its end, SLA breaches and median wait", () => {
    expect(operationsSeries(db, { now, timeZone: "UTC", days: 3 })).toEqual([
      { day: "2026-11-23", reportsIn: 1, decisionsOut: 0, backlog: 3, slaBreaches: 1, medianHoursToDecision: null },
      { day: "2026-11-24", reportsIn: 2, decisionsOut: 1, backlog: 3, slaBreaches: 1, medianHoursToDecision: 36 },
      { day: "2026-11-25", reportsIn: 1, decisionsOut: 2, backlog: 3, slaBreaches: 3, medianHoursToDecision: 2 },
    ]);
  });

  it("cuts days at midnight in the viewer's time zone", () => {
    // Asia/Shanghai is UTC+8: 2026-11-24 runs from 11-23 16:00 to 11-24 16:00 UTC.
    const days = operationsSeries(db, { now, timeZone: "Asia/Shanghai", days: 3 });
    expect(days.map((d) => d.day)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(days[1]).toMatchObject({ reportsIn: 2, decisionsOut: 0 }); // W at 02:00 and X's second report at 05:00 UTC
    expect(days[2]).toMatchObject({ reportsIn: 1, decisionsOut: 3 }); // Y at 18:00 UTC, V twice
    // At 11-24 16:00 UTC X (medium, 112 h), Y (critical, 34 h) are past their SLA; Z (54 h) and W (14 h) are not.
    expect(days[1]).toMatchObject({ backlog: 4, slaBreaches: 2 });
  });

  it("has empty days with nothing in them and today's end is now", () => {
    const days = operationDays(now, "UTC", 2);
    expect(days.at(-1)).toEqual({ day: "2026-11-25", start: Date.parse("2026-11-25T00:00:00.000Z"), end: now.getTime() });
    const early = operationsSeries(db, { now: new Date("2026-11-10T12:00:00.000Z"), timeZone: "UTC", days: 2 });
    expect(early.every((d) => d.reportsIn === 0 && d.decisionsOut === 0 && d.medianHoursToDecision === null)).toBe(true);
  });

  it("remembers the series for up to a minute", () => {
    const first = cachedOperationsSeries(db, { now, timeZone: "UTC", days: 3 });
    report("https://ops-late-test.com/a", "rumour", "2026-11-25T11:30:00.000Z");
    expect(cachedOperationsSeries(db, { now: new Date(now.getTime() + 30_000), timeZone: "UTC", days: 3 }).days).toBe(first.days);
    const fresh = cachedOperationsSeries(db, { now: new Date(now.getTime() + 61_000), timeZone: "UTC", days: 3 });
    expect(fresh.days.at(-1)).toMatchObject({ reportsIn: 2, backlog: 4 });
  });

  it("computes the closed days once and then only today, and still equals a full computation", () => {
    const at = (iso: string) => new Date(iso);
    const before = cachedOperationsSeries(db, { now: at("2026-11-25T13:00:00.000Z"), timeZone: "Asia/Shanghai", days: 4 });
    report("https://ops-later-test.com/a", "rumour", "2026-11-25T13:30:00.000Z");
    const later = cachedOperationsSeries(db, { now: at("2026-11-25T14:00:00.000Z"), timeZone: "Asia/Shanghai", days: 4 });
    later.days.slice(0, -1).forEach((day, i) => expect(day).toBe(before.days[i])); // the same objects: not recomputed
    expect(later.days).toEqual(operationsSeries(db, { now: at("2026-11-25T14:00:00.000Z"), timeZone: "Asia/Shanghai", days: 4 }));
    // Past midnight in Shanghai (16:00 UTC) the day that was today closes, and a new one starts.
    const nextDay = cachedOperationsSeries(db, { now: at("2026-11-25T17:00:00.000Z"), timeZone: "Asia/Shanghai", days: 4 });
    expect(nextDay.days.map((d) => d.day)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"]);
    expect(nextDay.days).toEqual(operationsSeries(db, { now: at("2026-11-25T17:00:00.000Z"), timeZone: "Asia/Shanghai", days: 4 }));
    expect(nextDay.days[0]).toBe(later.days[1]);
  });
});

describe("query plans", () => {
  it.each(Object.entries(OPERATIONS_SQL).filter(([name]) => name !== "backlogNow" && name !== "critical"))("%s reads an index range", (_name, query) => {
    const params = (query.match(/\?/g) ?? []).map(() => "2026-11-01");
    const plan = (sqlite.prepare(`explain query plan ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("\n");
    expect(plan).not.toMatch(/\bSCAN\b/);
    // Whichever index the planner picks, it is a range on the time or sequence column.
    expect(plan.split("\n")[0]).toMatch(/USING (COVERING )?INDEX \w+ \((created_at>\? AND created_at<\?|at>\?|action=\? AND seq>\?)\)/);
  });

  it("counts the backlog from the queue's status index and checks severity by case id", () => {
    const plan = (q: string, ...p: unknown[]) => (sqlite.prepare(`explain query plan ${q}`).all(...p) as { detail: string }[]).map((r) => r.detail).join("\n");
    expect(plan(OPERATIONS_SQL.backlogNow)).toMatch(/USING COVERING INDEX cases_queue_idx/);
    expect(plan(OPERATIONS_SQL.critical, "[1]")).toMatch(/SEARCH c USING INTEGER PRIMARY KEY/);
  });
});
