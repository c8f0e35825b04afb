// What a platform's page charts about its rating. The score and its components come from the daily
// snapshots (pre-aggregated, one row per day, read through rating_snapshots_platform_day_uq). The
// weekly violations, the rectification times and the recent cases are read through the platform's
// rectification notices (notices_platform_idx on platform_id, deadline_at): every confirmed violation
// of a registered platform's link sends one (lib/decisions/decide.ts), so the notices are a
// per-platform index into its decisions, and no query here walks the decisions table.
import type Database from "better-sqlite3";
import type { Grade } from "@/db/schema";
import type { Db } from "@/lib/db";
import { median } from "@/lib/math/median";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";
import { FORMULA_VERSION, WEIGHTS } from "./formula";

export const HISTORY_DAYS = 180;
export const CATEGORY_WEEKS = 26;
/** The rectification times are read over the rating window, so they match the rectification rate. */
export const RECTIFICATION_DAYS = 90;
export const RECENT_CASES = 10;

export type SnapshotRow = {
  day: string;
  score: number;
  grade: Grade;
  provisional: boolean;
  cappedAtC: boolean;
  violationRate: number;
  rectificationRate: number;
  repeatRate: number;
  severityIndex: number;
  decided: number;
  confirmed: number;
  noticesOnTime: number;
  noticesDue: number;
  repeatCases: number;
  severitySum: number;
  /** Each component's points out of 100 (formula.ts). */
  violationPoints: number;
  rectificationPoints: number;
  repeatPoints: number;
  severityPoints: number;
};

type RawSnapshot = Omit<SnapshotRow, "provisional" | "cappedAtC" | "violationPoints" | "rectificationPoints" | "repeatPoints" | "severityPoints"> & {
  provisional: number;
  cappedAtC: number;
};

/** The queries, by name (tests check their plans with EXPLAIN QUERY PLAN). */
export const PLATFORM_REPORT_SQL = {
  history: `select day, score, grade, provisional, capped_at_c as cappedAtC, violation_rate as violationRate,
              rectification_rate as rectificationRate, repeat_rate as repeatRate, severity_index as severityIndex,
              decided, confirmed, notices_on_time as noticesOnTime, notices_due as noticesDue,
              repeat_cases as repeatCases, severity_sum as severitySum
         from rating_snapshots
        where platform_id = ? and day >= ? and day <= ? and formula_version = ?
        order by day`,
  confirmedByDay: `select d.category as category, substr(n.sent_at, 1, 10) as day, count(*) as confirmed
         from rectification_notices n join decisions d on d.id = n.decision_id
        where n.platform_id = ? and n.deadline_at >= ? and n.sent_at >= ? and n.sent_at <= ?
          and d.outcome = 'violation' and d.reversed_at is null
        group by d.category, substr(n.sent_at, 1, 10)`,
  noticesSince: `select sent_at as sentAt, deadline_at as deadlineAt, answered_at as answeredAt
         from rectification_notices
        where platform_id = ? and deadline_at >= ? and sent_at >= ? and withdrawn_at is null`,
  recentConfirmed: `select n.case_id as caseId, d.id as decisionId, d.category as category, d.severity as severity, d.level as level,
              d.created_at as decidedAt, l.canonical_url as canonicalUrl, l.registrable_domain as registrableDomain,
              n.answered_at as answeredAt, n.deadline_at as deadlineAt
         from rectification_notices n
         join decisions d on d.id = n.decision_id
         join cases c on c.id = n.case_id
         join links l on l.id = c.link_id
        where n.platform_id = ? and d.outcome = 'violation' and d.reversed_at is null
        order by n.deadline_at desc
        limit ?`,
} as const;

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(c: Database.Database) {
  return {
    history: c.prepare<[number, string, string, number], RawSnapshot>(PLATFORM_REPORT_SQL.history),
    // Confirmed now: a violation not undone, reversed or overturned on appeal. A deadline follows its
    // notice, so "deadline_at >= since" bounds the index range and "sent_at >= since" trims it.
    // Counted per day in SQL (a few hundred rows for the busiest platform, not one per violation).
    confirmedByDay: c.prepare<[number, string, string, string], { category: string | null; day: string; confirmed: number }>(PLATFORM_REPORT_SQL.confirmedByDay),
    noticesSince: c.prepare<[number, string, string], { sentAt: string; deadlineAt: string; answeredAt: string | null }>(PLATFORM_REPORT_SQL.noticesSince),
    recentConfirmed: c.prepare<[number, number], RecentCase>(PLATFORM_REPORT_SQL.recentConfirmed),
  };
}

function prepared(db: Db) {
  let s = statements.get(db.$client);
  if (!s) statements.set(db.$client, (s = prepare(db.$client)));
  return s;
}

const WEEK_MS = 7 * DAY_MS;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

/** The platform's daily snapshots of the `days` days ending on `to` (a UTC day), oldest first. */
export function scoreHistory(db: Db, platformId: number, options: { to: string; days?: number }): SnapshotRow[] {
  const days = options.days ?? HISTORY_DAYS;
  const from = utcDay(Date.parse(`${options.to}T00:00:00.000Z`) - (days - 1) * DAY_MS);
  return prepared(db)
    .history.all(platformId, from, options.to, FORMULA_VERSION)
    .map((r) => ({
      ...r,
      provisional: r.provisional === 1,
      cappedAtC: r.cappedAtC === 1,
      violationPoints: 100 * WEIGHTS.violation * (1 - r.violationRate),
      rectificationPoints: 100 * WEIGHTS.rectification * r.rectificationRate,
      repeatPoints: 100 * WEIGHTS.repeat * (1 - r.repeatRate),
      severityPoints: 100 * WEIGHTS.severity * (1 - r.severityIndex),
    }));
}

/** The Monday (UTC) starting the week that holds `ms`. */
export function weekStart(ms: number): string {
  const day = Date.parse(`${utcDay(ms)}T00:00:00.000Z`);
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return utcDay(day - sinceMonday * DAY_MS);
}

export type WeeklyCategories = { weeks: string[]; categories: string[]; counts: Map<string, Map<string, number>> };

/**
 * Confirmed violations per week (Monday to Sunday, UTC, by the day decided) and category, over the
 * `weeks` weeks ending with the current one. Categories are those that occur, most frequent first.
 */
export function weeklyConfirmedByCategory(db: Db, platformId: number, options: { now: Date; weeks?: number }): WeeklyCategories {
  const count = options.weeks ?? CATEGORY_WEEKS;
  const firstWeek = Date.parse(`${weekStart(options.now.getTime())}T00:00:00.000Z`) - (count - 1) * WEEK_MS;
  const weeks = Array.from({ length: count }, (_, i) => utcDay(firstWeek + i * WEEK_MS));
  const counts = new Map<string, Map<string, number>>(weeks.map((w) => [w, new Map()]));
  const totals = new Map<string, number>();
  for (const row of prepared(db).confirmedByDay.all(platformId, iso(firstWeek), iso(firstWeek), options.now.toISOString())) {
    const category = row.category ?? "unknown";
    const week = counts.get(weeks[Math.floor((Date.parse(`${row.day}T00:00:00.000Z`) - firstWeek) / WEEK_MS)]!)!;
    week.set(category, (week.get(category) ?? 0) + row.confirmed);
    totals.set(category, (totals.get(category) ?? 0) + row.confirmed);
  }
  const categories = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  return { weeks, categories, counts };
}

/** Upper bounds (hours) of the answer-time buckets; the last bucket is open-ended. */
export const ANSWER_BUCKETS = [4, 8, 12, 24, 48, 72] as const;

export type RectificationDistribution = {
  /** One per bucket: hours from, to (null: open-ended), answers on time and late. */
  buckets: { fromHours: number; toHours: number | null; onTime: number; late: number }[];
  /** Unanswered past the deadline. */
  overdue: number;
  /** Unanswered, the deadline still ahead. */
  waiting: number;
  answered: number;
  medianHours: number | null;
};

/**
 * How long the platform took to answer the notices sent in the `days` days before `now` (withdrawn
 * ones left out): a histogram of hours from sent to answered, each bar split into answers before
 * and after the deadline, and the unanswered ones counted as overdue or still waiting.
 */
export function rectificationDistribution(db: Db, platformId: number, options: { now: Date; days?: number }): RectificationDistribution {
  const nowMs = options.now.getTime();
  const since = nowMs - (options.days ?? RECTIFICATION_DAYS) * DAY_MS;
  const buckets = [0, ...ANSWER_BUCKETS].map((fromHours, i) => ({ fromHours, toHours: ANSWER_BUCKETS[i] ?? null, onTime: 0, late: 0 }));
  const hours: number[] = [];
  let overdue = 0;
  let waiting = 0;
  for (const n of prepared(db).noticesSince.all(platformId, iso(since), iso(since))) {
    const sent = Date.parse(n.sentAt);
    if (sent > nowMs) continue;
    const answered = n.answeredAt !== null && Date.parse(n.answeredAt) <= nowMs ? Date.parse(n.answeredAt) : null;
    if (answered === null) {
      if (Date.parse(n.deadlineAt) < nowMs) overdue += 1;
      else waiting += 1;
      continue;
    }
    const h = (answered - sent) / HOUR_MS;
    hours.push(h);
    const bucket = buckets.find((b) => b.toHours === null || h < b.toHours)!;
    if (answered <= Date.parse(n.deadlineAt)) bucket.onTime += 1;
    else bucket.late += 1;
  }
  hours.sort((a, b) => a - b);
  return { buckets, overdue, waiting, answered: hours.length, medianHours: median(hours) };
}

export type RecentCase = {
  caseId: number;
  decisionId: number;
  category: string | null;
  severity: string | null;
  level: string;
  decidedAt: string;
  canonicalUrl: string;
  registrableDomain: string;
  answeredAt: string | null;
  deadlineAt: string;
};

/** The platform's latest confirmed violations, newest first (walks its notices backwards by deadline). */
export function recentConfirmedCases(db: Db, platformId: number, limit = RECENT_CASES): RecentCase[] {
  return prepared(db).recentConfirmed.all(platformId, limit);
}

export type OverrideInForce = { id: number; grade: Grade; reason: string; startsAt: string; endsAt: string; createdByName: string | null };

/** The manager's override in force for the platform at `now` (the newest, should two overlap), or null. */
export function overrideInForce(db: Db, platformId: number, now: Date): OverrideInForce | null {
  const at = now.toISOString();
  return (
    db.$client
      .prepare<[number, string, string], OverrideInForce>(
        `select o.id, o.grade, o.reason, o.starts_at as startsAt, o.ends_at as endsAt, u.name as createdByName
           from grade_overrides o left join users u on u.id = o.created_by
          where o.platform_id = ? and o.ends_at > ? and o.revoked_at is null and o.starts_at <= ?
          order by o.id desc limit 1`,
      )
      .get(platformId, at, at) ?? null
  );
}
