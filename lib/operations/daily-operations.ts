// The console home's operations charts: per day of the viewer's calendar, complaints in, decisions
// out, the backlog at the day's end, the median wait for a decision and the cases past their SLA.
//
// Counts come from indexed ranges (reports_created_idx, decisions_created_idx). The backlog of a past
// day is not stored anywhere, so it is wound back from today's: every case enters the backlog with a
// case.opened or case.reopened audit event and leaves it with case.decided, and those events are read
// from audit_events_action_idx alone (it holds target_id and at, migration 0011) from the first one
// inside the range on (audit_events_at_idx gives where that is: the trail is appended in commit order,
// so seq follows time).
import type Database from "better-sqlite3";
import type { Db } from "@/lib/db";
import { dayIn, startOfDay } from "@/lib/fairness/period";
import { median } from "@/lib/math/median";
import { SLA_HOURS } from "@/lib/queue/priority";
import { categories } from "@/lib/rules/categories";
import { DAY_MS, HOUR_MS } from "@/lib/time/now";

export const OPERATIONS_DAYS = 30;

export type OperationsDay = {
  /** The calendar day in the viewer's time zone, YYYY-MM-DD. */
  day: string;
  /** Complaints (reports) filed that day. */
  reportsIn: number;
  /** Decisions recorded that day (any outcome, including ones undone later). */
  decisionsOut: number;
  /** Cases waiting for a decision (open or escalated) at the day's end — for today, now. */
  backlog: number;
  /** Of those, the ones waiting longer than their SLA (24 h critical, 72 h otherwise). */
  slaBreaches: number;
  /** Median hours from a case's (re)opening to the decision, over that day's decisions; null for none. */
  medianHoursToDecision: number | null;
};

const criticalCodes = categories.filter((c) => c.severity === "critical").map((c) => c.code);
const criticalList = criticalCodes.map((c) => `'${c}'`).join(", ");

type Event = { action: "case.opened" | "case.reopened" | "case.decided"; caseId: number; at: number };

/** The queries, by name (tests check their plans with EXPLAIN QUERY PLAN). */
export const OPERATIONS_SQL = {
  reports: `select count(*) as n from reports where created_at >= ? and created_at < ?`,
  decisions: `select count(*) as n from decisions where created_at >= ? and created_at < ?`,
  backlogNow: `select count(*) as n from cases where status in ('open', 'escalated')`,
  firstSeqAt: `select seq from audit_events where at >= ? order by at limit 1`,
  caseEvents: `select action, target_id as caseId, at from audit_events
        where action in ('case.opened', 'case.reopened', 'case.decided') and seq >= ?`,
  decided: `select d.case_id as caseId, d.created_at as at, c.opened_at as openedAt, c.reopened_at as reopenedAt
         from decisions d join cases c on c.id = d.case_id
        where d.created_at >= ? and d.created_at < ?`,
  critical: `select c.id from cases c where c.id in (select value from json_each(?))
          and (c.claimed_category in (${criticalList})
               or exists (select 1 from reports r where r.case_id = c.id and r.category in (${criticalList})))`,
} as const;

const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(c: Database.Database) {
  return {
    reports: c.prepare<[string, string], { n: number }>(OPERATIONS_SQL.reports),
    decisions: c.prepare<[string, string], { n: number }>(OPERATIONS_SQL.decisions),
    backlogNow: c.prepare<[], { n: number }>(OPERATIONS_SQL.backlogNow),
    firstSeqAt: c.prepare<[string], { seq: number }>(OPERATIONS_SQL.firstSeqAt),
    caseEvents: c.prepare<[number], { action: Event["action"]; caseId: string; at: string }>(OPERATIONS_SQL.caseEvents),
    decided: c.prepare<[string, string], { caseId: number; at: string; openedAt: string; reopenedAt: string | null }>(OPERATIONS_SQL.decided),
    // The queue's test (lib/queue/queue-query.ts): the case's most severe claimed category sets its SLA.
    critical: c.prepare<[string], { id: number }>(OPERATIONS_SQL.critical),
  };
}

function prepared(db: Db) {
  let s = statements.get(db.$client);
  if (!s) statements.set(db.$client, (s = prepare(db.$client)));
  return s;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

/** The `days` calendar days ending today in `timeZone`, each with its start and end (today's end is now). */
export function operationDays(now: Date, timeZone: string, days = OPERATIONS_DAYS) {
  const today = dayIn(now, timeZone);
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(today, i - days + 1);
    const start = Date.parse(startOfDay(day, timeZone));
    const end = Math.min(Date.parse(startOfDay(addDays(day, 1), timeZone)), now.getTime());
    return { day, start, end };
  });
}

function criticalCases(db: Db, ids: number[]): Set<number> {
  const found = new Set<number>();
  for (let i = 0; i < ids.length; i += 5000) {
    for (const row of prepared(db).critical.all(JSON.stringify(ids.slice(i, i + 5000)))) found.add(row.id);
  }
  return found;
}

/**
 * The `days` days ending today in `timeZone`, or only those from `fromDay` on: a day's figures do not
 * change once it has ended, so cachedOperationsSeries computes the closed days once and then only the
 * days since (the events read start 72 h before the first day computed).
 */
export function operationsSeries(db: Db, options: { now: Date; timeZone: string; days?: number; fromDay?: string }): OperationsDay[] {
  const s = prepared(db);
  const nowMs = options.now.getTime();
  const fromDay = options.fromDay;
  const days = operationDays(options.now, options.timeZone, options.days).filter((d) => fromDay === undefined || d.day >= fromDay);
  if (days.length === 0) return [];
  const first = days[0]!.start;
  // Cases that entered in the 72 h before the first day decide whether it is breached on that day.
  const lookFrom = first - SLA_HOURS.other * HOUR_MS;
  const fromSeq = s.firstSeqAt.get(iso(lookFrom))?.seq ?? Number.MAX_SAFE_INTEGER;
  const events: Event[] = s.caseEvents
    .all(fromSeq)
    .map((e) => ({ action: e.action, caseId: Number(e.caseId), at: Date.parse(e.at) }))
    .filter((e) => e.at >= lookFrom && e.at <= nowMs)
    .sort((a, b) => a.at - b.at);

  const byCase = new Map<number, Event[]>();
  for (const e of events) {
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  const backlogNow = s.backlogNow.get()!.n;

  // Hours each decision of the range waited: from the case's latest entry before it.
  const waits = days.map((): number[] => []);
  const dayIndex = (ms: number) => days.findIndex((d) => ms >= d.start && ms < d.end);
  for (const d of s.decided.all(iso(first), iso(nowMs))) {
    const at = Date.parse(d.at);
    const index = dayIndex(at);
    if (index < 0) continue;
    let entry: number | undefined;
    for (const e of byCase.get(d.caseId) ?? []) if (e.action !== "case.decided" && e.at <= at) entry = e.at;
    const fallback = d.reopenedAt && Date.parse(d.reopenedAt) <= at ? Date.parse(d.reopenedAt) : Date.parse(d.openedAt);
    waits[index]!.push(Math.max(0, at - (entry ?? fallback)) / HOUR_MS);
  }

  // Wind the backlog back from now: undo every entry and exit after each day's end.
  const backlog = days.map(() => backlogNow);
  for (const e of events) {
    for (let i = 0; i < days.length && days[i]!.end <= e.at; i += 1) backlog[i]! += e.action === "case.decided" ? 1 : -1;
  }

  // Cases open at a day's end whose latest entry is within their SLA are not breached; every other
  // case open then has waited longer than 72 h (it entered before the events read here). Whether a
  // case is critical only matters when it has waited between 24 and 72 h, so only those are looked up.
  const withinSla = days.map(() => 0);
  const between: [dayIndex: number, caseId: number][] = [];
  for (const [caseId, list] of byCase) {
    let next = 0;
    let last: Event | undefined;
    days.forEach(({ end }, i) => {
      while (next < list.length && list[next]!.at < end) last = list[next++];
      if (!last || last.action === "case.decided") return;
      const waited = end - last.at;
      if (waited <= SLA_HOURS.critical * HOUR_MS) withinSla[i]! += 1;
      else if (waited <= SLA_HOURS.other * HOUR_MS) between.push([i, caseId]);
    });
  }
  const critical = criticalCases(db, [...new Set(between.map(([, id]) => id))]);
  for (const [i, caseId] of between) if (!critical.has(caseId)) withinSla[i]! += 1;

  return days.map(({ day, start, end }, i) => ({
    day,
    reportsIn: s.reports.get(iso(start), iso(end))!.n,
    decisionsOut: s.decisions.get(iso(start), iso(end))!.n,
    backlog: backlog[i]!,
    slaBreaches: Math.max(0, backlog[i]! - withinSla[i]!),
    medianHoursToDecision: median(waits[i]!.sort((a, b) => a - b)),
  }));
}

type Cached = { connection: unknown; at: number; value: OperationsDay[]; closed: Map<string, OperationsDay> };
const globalCache = globalThis as unknown as { __linkdeskOperations?: Map<string, Cached> };

/** How long the home page may show the same operations figures. */
export const OPERATIONS_MAX_AGE_MS = 60_000;

/**
 * operationsSeries, remembered per time zone for up to a minute (the home page is visited often).
 * The days that had ended when they were computed are kept for as long as they are in the window, so
 * after the first call only today (and any day that has ended since) is computed again.
 */
export function cachedOperationsSeries(db: Db, options: { now: Date; timeZone: string; days?: number }): { days: OperationsDay[]; computedAt: Date } {
  const cache = (globalCache.__linkdeskOperations ??= new Map());
  const key = `${options.timeZone}|${options.days ?? OPERATIONS_DAYS}`;
  const nowMs = options.now.getTime();
  const hit = cache.get(key);
  if (hit && hit.connection === db.$client && nowMs - hit.at < OPERATIONS_MAX_AGE_MS && nowMs >= hit.at) return { days: hit.value, computedAt: new Date(hit.at) };
  // Closed days computed earlier on this connection (not when the clock went back).
  const known = hit && hit.connection === db.$client && nowMs >= hit.at ? hit.closed : new Map<string, OperationsDay>();
  const window = operationDays(options.now, options.timeZone, options.days).map((d) => d.day);
  const fromDay = window.find((day) => !known.has(day))!; // today is never closed
  const computed = operationsSeries(db, { ...options, fromDay });
  const closed = new Map<string, OperationsDay>();
  for (const day of window.slice(0, -1)) closed.set(day, known.get(day) ?? computed.find((d) => d.day === day)!);
  const value = [...window.slice(0, -1).map((day) => closed.get(day)!), computed.at(-1)!];
  cache.set(key, { connection: db.$client, at: nowMs, value, closed });
  return { days: value, computedAt: options.now };
}
