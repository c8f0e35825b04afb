// Daily rating snapshots from the raw tables (DESIGN.md "Platform credit rating, version 1"). A day is
// a UTC calendar day, so anyone can recompute a snapshot from the exported decision log without
// knowing the server's time zone; the window is the 90 days ending on that day. The decisions and
// notices a range of days needs are read once with plain indexed SELECTs, then every day is counted
// in memory, so a 180-day backfill costs little more than one day.
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { type Severity, cases, decisions, links, platforms, ratingSnapshots, rectificationNotices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { severityWeight } from "@/lib/rules/categories";
import { DAY_MS } from "@/lib/time/now";
import { FORMULA_VERSION, REPEAT_LOOKBACK_DAYS, type RatingCounts, WINDOW_DAYS, rate } from "./formula";
import { invalidatePlatformStanding } from "./platform-standing";

export const MAX_RANGE_DAYS = 731;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type DayRange = { from: string; to: string };

/** A YYYY-MM-DD that is a real calendar day, or null. */
export function parseDay(text: string): string | null {
  if (!DAY.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text ? text : null;
}

export const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`);
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Checks a range: real days, from ≤ to, at most two years. Throws a RangeError that says what is wrong. */
export function checkRange(range: DayRange): { from: string; to: string; days: string[] } {
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from) throw new RangeError(`--from must be a day written YYYY-MM-DD, got "${range.from}"`);
  if (!to) throw new RangeError(`--to must be a day written YYYY-MM-DD, got "${range.to}"`);
  if (from > to) throw new RangeError(`the range is reversed: ${from} is after ${to}`);
  const count = (dayStart(to) - dayStart(from)) / DAY_MS + 1;
  if (count > MAX_RANGE_DAYS) throw new RangeError(`the range covers ${count} days; at most ${MAX_RANGE_DAYS} (two years) at once`);
  return { from, to, days: Array.from({ length: count }, (_, i) => utcDay(dayStart(from) + i * DAY_MS)) };
}

type DecisionRow = {
  platformId: number;
  domain: string;
  outcome: string;
  severity: Severity | null;
  createdAt: number;
  /** When it was undone, reversed or overturned on appeal; null while it stands. */
  reversedAt: number | null;
  reversalKind: string | null;
  /** Its place among its domain's violations in time order (set when they are grouped). */
  positionInDomain?: number;
};

type NoticeRow = { platformId: number; sentAt: number; deadlineAt: number; answeredAt: number | null; critical: boolean; withdrawnAt: number | null };

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

function loadDecisions(db: Db, fromMs: number, toMs: number): DecisionRow[] {
  const rows = db
    .select({
      platformId: links.platformId,
      domain: links.registrableDomain,
      outcome: decisions.outcome,
      severity: decisions.severity,
      createdAt: decisions.createdAt,
      reversedAt: decisions.reversedAt,
      reversalKind: decisions.reversalKind,
    })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .innerJoin(links, eq(links.id, cases.linkId))
    .where(
      and(
        inArray(decisions.outcome, ["violation", "no_violation"]),
        gte(decisions.createdAt, new Date(fromMs).toISOString()),
        lt(decisions.createdAt, new Date(toMs).toISOString()),
      ),
    )
    .orderBy(asc(decisions.createdAt))
    .all();
  return rows
    .filter((r) => r.platformId !== null)
    .map((r) => ({ ...r, platformId: r.platformId!, createdAt: Date.parse(r.createdAt), reversedAt: ms(r.reversedAt) }));
}

function loadNotices(db: Db, fromMs: number, toMs: number): NoticeRow[] {
  return db
    .select({
      platformId: rectificationNotices.platformId,
      sentAt: rectificationNotices.sentAt,
      deadlineAt: rectificationNotices.deadlineAt,
      answeredAt: rectificationNotices.answeredAt,
      withdrawnAt: rectificationNotices.withdrawnAt,
      severity: decisions.severity,
    })
    .from(rectificationNotices)
    .innerJoin(decisions, eq(decisions.id, rectificationNotices.decisionId))
    .where(and(gte(rectificationNotices.sentAt, new Date(fromMs).toISOString()), lt(rectificationNotices.sentAt, new Date(toMs).toISOString())))
    .all()
    .map((r) => ({
      platformId: r.platformId,
      sentAt: Date.parse(r.sentAt),
      deadlineAt: Date.parse(r.deadlineAt),
      answeredAt: ms(r.answeredAt),
      critical: r.severity === "critical",
      withdrawnAt: ms(r.withdrawnAt),
    }));
}

/** Whether a decision counts at `end`: made before it and not undone before it (an undone decision never stood). */
const standsAt = (d: DecisionRow, end: number) => d.createdAt < end && !(d.reversalKind === "undo" && d.reversedAt !== null && d.reversedAt < end);
/** Confirmed at `end`: a violation that stands and was not reversed or overturned before it. */
const confirmedAt = (d: DecisionRow, end: number) => d.outcome === "violation" && standsAt(d, end) && (d.reversedAt === null || d.reversedAt >= end);

const emptyCounts = (): RatingCounts => ({ decided: 0, confirmed: 0, noticesOnTime: 0, noticesDue: 0, repeatCases: 0, severitySum: 0, criticalOverdue: 0 });

/** The counts of every platform for one day, from rows covering its window and lookback. */
export function countsForDay(day: string, decisionRows: readonly DecisionRow[], noticeRows: readonly NoticeRow[], byDomain: ReadonlyMap<string, DecisionRow[]>): Map<number, RatingCounts> {
  const end = dayStart(day) + DAY_MS;
  const start = end - WINDOW_DAYS * DAY_MS;
  const lookback = REPEAT_LOOKBACK_DAYS * DAY_MS;
  const result = new Map<number, RatingCounts>();
  const of = (platformId: number) => {
    let c = result.get(platformId);
    if (!c) result.set(platformId, (c = emptyCounts()));
    return c;
  };
  for (const d of decisionRows) {
    if (d.createdAt < start || d.createdAt >= end || !standsAt(d, end)) continue;
    const c = of(d.platformId);
    c.decided += 1;
    if (!confirmedAt(d, end)) continue;
    c.confirmed += 1;
    c.severitySum += d.severity ? severityWeight[d.severity] : 0;
    if (hadConfirmedBefore(d, byDomain.get(d.domain) ?? [], lookback, end)) c.repeatCases += 1;
  }
  for (const n of noticeRows) {
    if (n.sentAt < start || n.sentAt >= end) continue;
    if (n.withdrawnAt !== null && n.withdrawnAt < end) continue; // withdrawn with its decision
    const answered = n.answeredAt !== null && n.answeredAt < end;
    const c = of(n.platformId);
    if (answered || n.deadlineAt < end) c.noticesDue += 1;
    if (answered && n.answeredAt! <= n.deadlineAt) c.noticesOnTime += 1;
    if (n.critical && !answered && n.deadlineAt < end) c.criticalOverdue += 1;
  }
  return result;
}

/**
 * Whether `d`'s domain had a violation confirmed (as of `end`) in the lookback before it. `sameDomain`
 * is in time order, so the walk starts at `d` and stops at the lookback's edge, usually at once.
 */
function hadConfirmedBefore(d: DecisionRow, sameDomain: readonly DecisionRow[], lookback: number, end: number): boolean {
  let i = d.positionInDomain ?? sameDomain.indexOf(d);
  while (--i >= 0) {
    const e = sameDomain[i]!;
    if (e.createdAt < d.createdAt - lookback) return false;
    if (e.createdAt < d.createdAt && confirmedAt(e, end)) return true;
  }
  return false;
}

export type ComputeSummary = { from: string; to: string; days: number; platforms: number; snapshots: number };

/**
 * Computes and stores the snapshots of every registered platform for each day of the range; running
 * it again for the same days replaces them with the same numbers (idempotent). One audit event.
 */
export function computeSnapshots(db: Db, range: DayRange, options: { now?: Date; actorId?: number | null; requestId?: string | null } = {}): ComputeSummary {
  const { from, to, days } = checkRange(range);
  const end = dayStart(to) + DAY_MS;
  const windowStart = dayStart(from) + DAY_MS - WINDOW_DAYS * DAY_MS;
  const decisionRows = loadDecisions(db, windowStart - REPEAT_LOOKBACK_DAYS * DAY_MS, end);
  const noticeRows = loadNotices(db, windowStart, end);
  const byDomain = new Map<string, DecisionRow[]>();
  for (const d of decisionRows) {
    if (d.outcome !== "violation") continue;
    let list = byDomain.get(d.domain);
    if (!list) byDomain.set(d.domain, (list = []));
    d.positionInDomain = list.length;
    list.push(d);
  }
  const rated = db.select({ id: platforms.id }).from(platforms).where(eq(platforms.isIndependent, false)).orderBy(asc(platforms.id)).all();
  const computedAt = (options.now ?? new Date()).toISOString();

  let snapshots = 0;
  db.transaction(
    (tx) => {
      for (const day of days) {
        const counts = countsForDay(day, decisionRows, noticeRows, byDomain);
        for (const { id: platformId } of rated) {
          const c = counts.get(platformId) ?? emptyCounts();
          const r = rate(c);
          const row = {
            platformId,
            day,
            formulaVersion: FORMULA_VERSION,
            score: r.score,
            grade: r.grade,
            provisional: r.provisional,
            cappedAtC: r.cappedAtC,
            violationRate: r.violationRate,
            rectificationRate: r.rectificationRate,
            repeatRate: r.repeatRate,
            severityIndex: r.severityIndex,
            decided: c.decided,
            confirmed: c.confirmed,
            noticesOnTime: c.noticesOnTime,
            noticesDue: c.noticesDue,
            repeatCases: c.repeatCases,
            severitySum: c.severitySum,
            computedAt,
          };
          tx.insert(ratingSnapshots)
            .values(row)
            .onConflictDoUpdate({ target: [ratingSnapshots.platformId, ratingSnapshots.day, ratingSnapshots.formulaVersion], set: { ...row } })
            .run();
          snapshots += 1;
        }
      }
      recordAudit(tx, {
        actorId: options.actorId ?? null,
        action: "ratings.computed",
        targetType: "rating_snapshots",
        targetId: `${from}..${to}`,
        after: { from, to, days: days.length, platforms: rated.length, snapshots, formulaVersion: FORMULA_VERSION },
        requestId: options.requestId ?? null,
        at: computedAt,
      });
    },
    { behavior: "immediate" },
  );
  invalidatePlatformStanding();
  return { from, to, days: days.length, platforms: rated.length, snapshots };
}
