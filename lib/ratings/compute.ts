// Daily rating snapshots from the raw tables (DESIGN.md "Platform credit rating, version 1"). A day is
// a UTC calendar day, so anyone can recompute a snapshot from the exported decision log without
// knowing the server's time zone; the window is the 90 days ending on that day. The decisions and
// notices a range of days needs are read once with plain indexed SELECTs, then every day is counted
// in memory, so a 180-day backfill costs little more than one day.
import type Database from "better-sqlite3";
import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { type Severity, decisions, platforms, ratingSnapshots, rectificationNotices } from "@/db/schema";
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
  /** False for another platform's violation on the same registrable domain, read only for repeats. */
  counted?: boolean;
};

type NoticeRow = { platformId: number; sentAt: number; deadlineAt: number; answeredAt: number | null; critical: boolean; withdrawnAt: number | null };

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

type RawDecision = [platformId: number | null, domain: string, outcome: string, severity: Severity | null, createdAt: string, reversedAt: string | null, reversalKind: string | null];
const toDecisionRow = (r: RawDecision, counted: boolean): DecisionRow => ({
  platformId: r[0] ?? 0,
  domain: r[1],
  outcome: r[2],
  severity: r[3],
  createdAt: Date.parse(r[4]),
  reversedAt: ms(r[5]),
  reversalKind: r[6],
  counted,
});

// Plain prepared statements with array rows: a backfill reads hundreds of thousands of decisions, and
// the query builder's per-row mapping would cost more than the reading itself. A "no violation" only
// counts inside the window; before it, only violations matter (the repeat lookback).
const DECISION_COLUMNS = `l.platform_id, l.registrable_domain, d.outcome, d.severity, d.created_at, d.reversed_at, d.reversal_kind`;
const DECISIONS_IN_RANGE = `d.created_at >= @from and d.created_at < @to
  and (d.outcome = 'violation' or (d.outcome = 'no_violation' and d.created_at >= @windowFrom))`;

/**
 * The rated platforms' own decisions of a range (exported for the query-plan test). Independent sites'
 * decisions are most of a busy installation's and no grade counts them: reading only the rated
 * platforms' took one day's computation at 1M decisions from 3.2 s to 0.6 s (docs/ratings.md).
 */
export const OWN_DECISIONS_SQL = `select ${DECISION_COLUMNS} from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id
  where ${DECISIONS_IN_RANGE} and l.platform_id in (select value from json_each(@ids))`;

/**
 * Other providers' violations on the same registrable domains: a repeat is a matter of the domain,
 * whoever provided the link. A platform's domains hold most of its links (188,745 on 60 domains in the
 * scale dataset), so links_domain_idx carries the platform too and the links are sifted in the index
 * (one day on the scale dataset: 1.1 s → 0.53 s; exported for the query-plan test).
 */
export const OTHERS_ON_DOMAINS_SQL = `select ${DECISION_COLUMNS} from links l join cases c on c.link_id = l.id join decisions d on d.case_id = c.id
  where l.registrable_domain in (select value from json_each(@domains))
    and (l.platform_id is null or l.platform_id not in (select value from json_each(@ids)))
    and d.outcome = 'violation' and d.created_at >= @from and d.created_at < @to`;

type Statements = { own: Database.Statement<[DecisionParams & { ids: string }], RawDecision>; others: Database.Statement<[{ from: string; to: string; domains: string; ids: string }], RawDecision> };
type DecisionParams = { from: string; to: string; windowFrom: string };
const decisionStatements = new WeakMap<object, Statements>();

function statements(db: Db): Statements {
  let s = decisionStatements.get(db.$client);
  if (!s) {
    s = {
      own: db.$client.prepare<[DecisionParams & { ids: string }], RawDecision>(OWN_DECISIONS_SQL).raw(true),
      others: db.$client.prepare<[{ from: string; to: string; domains: string; ids: string }], RawDecision>(OTHERS_ON_DOMAINS_SQL).raw(true),
    };
    decisionStatements.set(db.$client, s);
  }
  return s;
}

/**
 * The given platforms' decisions counted between the two times, and the other providers' violations
 * on the same registrable domains, for the repeats; in time order.
 */
function loadDecisions(db: Db, fromMs: number, windowFromMs: number, toMs: number, platformIds: readonly number[]): DecisionRow[] {
  const params = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), windowFrom: new Date(windowFromMs).toISOString() };
  const ids = JSON.stringify(platformIds);
  const s = statements(db);
  // Row by row (not .all(): that holds every raw row and its mapped copy at once), one string per
  // domain: a catch-up chunk reads a few hundred thousand rows.
  const interned = new Map<string, string>();
  const rows: DecisionRow[] = [];
  const add = (r: RawDecision, counted: boolean) => {
    const row = toDecisionRow(r, counted);
    const known = interned.get(row.domain);
    if (known === undefined) interned.set(row.domain, row.domain);
    else row.domain = known;
    rows.push(row);
  };
  for (const r of s.own.iterate({ ...params, ids })) add(r, true);
  const domains = JSON.stringify([...new Set(rows.filter((r) => r.outcome === "violation").map((r) => r.domain))]);
  for (const r of s.others.iterate({ from: params.from, to: params.to, domains, ids })) add(r, false);
  return rows.sort((a, b) => a.createdAt - b.createdAt);
}

function loadNotices(db: Db, fromMs: number, toMs: number, platformIds?: readonly number[]): NoticeRow[] {
  const inRange = and(gte(rectificationNotices.sentAt, new Date(fromMs).toISOString()), lt(rectificationNotices.sentAt, new Date(toMs).toISOString()));
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
    .where(platformIds ? and(inRange, inArray(rectificationNotices.platformId, [...platformIds])) : inRange)
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
export function countsForDay(
  day: string,
  decisionRows: readonly DecisionRow[],
  noticeRows: readonly NoticeRow[],
  byDomain: ReadonlyMap<string, DecisionRow[]>,
  /** When it is computed: today's snapshot counts only the deadlines passed by then (nothing else lies ahead). */
  nowMs: number = Number.POSITIVE_INFINITY,
): Map<number, RatingCounts> {
  const end = dayStart(day) + DAY_MS;
  const passedBy = Math.min(end, nowMs);
  const start = end - WINDOW_DAYS * DAY_MS;
  const lookback = REPEAT_LOOKBACK_DAYS * DAY_MS;
  const result = new Map<number, RatingCounts>();
  const of = (platformId: number) => {
    let c = result.get(platformId);
    if (!c) result.set(platformId, (c = emptyCounts()));
    return c;
  };
  for (const d of decisionRows) {
    if (d.counted === false || d.createdAt < start || d.createdAt >= end || !standsAt(d, end)) continue;
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
    if (answered || n.deadlineAt < passedBy) c.noticesDue += 1;
    if (answered && n.answeredAt! <= n.deadlineAt) c.noticesOnTime += 1;
    if (n.critical && !answered && n.deadlineAt < passedBy) c.criticalOverdue += 1;
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

export type SnapshotRow = typeof ratingSnapshots.$inferInsert & { platformId: number; day: string };

/** What a range of days needs, read once: the rows of its windows and lookbacks, and the rated platforms. */
export type RatingInputs = { days: string[]; decisionRows: DecisionRow[]; noticeRows: NoticeRow[]; byDomain: Map<string, DecisionRow[]>; rated: number[] };

/**
 * Reads the inputs of the range's snapshots (of the given platforms, or of all registered ones). Call
 * inside a read transaction when the reads must agree with something else read alongside them.
 */
export function loadRatingInputs(db: Db, range: DayRange, platformIds?: readonly number[]): RatingInputs {
  const { from, to, days } = checkRange(range);
  const end = dayStart(to) + DAY_MS;
  const windowStart = dayStart(from) + DAY_MS - WINDOW_DAYS * DAY_MS;
  const ratedAll = db.select({ id: platforms.id }).from(platforms).where(eq(platforms.isIndependent, false)).orderBy(asc(platforms.id)).all().map((p) => p.id);
  const rated = platformIds ? ratedAll.filter((id) => platformIds.includes(id)) : ratedAll;
  if (rated.length === 0) return { days, decisionRows: [], noticeRows: [], byDomain: new Map(), rated };
  const decisionRows = loadDecisions(db, windowStart - REPEAT_LOOKBACK_DAYS * DAY_MS, windowStart, end, rated);
  const noticeRows = loadNotices(db, windowStart, end, platformIds ? rated : undefined);
  const byDomain = new Map<string, DecisionRow[]>();
  for (const d of decisionRows) {
    if (d.outcome !== "violation") continue;
    let list = byDomain.get(d.domain);
    if (!list) byDomain.set(d.domain, (list = []));
    d.positionInDomain = list.length;
    list.push(d);
  }
  return { days, decisionRows, noticeRows, byDomain, rated };
}

/** One platform-day's snapshot: its counts, and the rating the formula makes of them. */
export function snapshotRow(platformId: number, day: string, c: RatingCounts, computedAt: string): SnapshotRow {
  const r = rate(c);
  return {
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
}

/** The snapshot rows of every rated platform for each day of the inputs. */
export function snapshotRows(inputs: RatingInputs, computedAt: string): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (const day of inputs.days) {
    const counts = countsForDay(day, inputs.decisionRows, inputs.noticeRows, inputs.byDomain, Date.parse(computedAt));
    for (const platformId of inputs.rated) {
      rows.push(snapshotRow(platformId, day, counts.get(platformId) ?? emptyCounts(), computedAt));
    }
  }
  return rows;
}

// One prepared statement per connection: the query builder costs about 0.13 ms a row, which made a
// catch-up chunk's write (7 days × 50 platforms) hold the server's thread for ~45 ms.
const SNAPSHOT_COLUMNS = [
  "platform_id", "day", "formula_version", "score", "grade", "provisional", "capped_at_c", "violation_rate", "rectification_rate",
  "repeat_rate", "severity_index", "decided", "confirmed", "notices_on_time", "notices_due", "repeat_cases", "severity_sum", "computed_at",
] as const;
const UPSERT_SNAPSHOT_SQL = `insert into rating_snapshots (${SNAPSHOT_COLUMNS.join(", ")}) values (${SNAPSHOT_COLUMNS.map(() => "?").join(", ")})
  on conflict (platform_id, day, formula_version) do update set ${SNAPSHOT_COLUMNS.slice(3).map((c) => `${c} = excluded.${c}`).join(", ")}`;
const upsertStatements = new WeakMap<object, Database.Statement<unknown[]>>();

/**
 * Stores snapshot rows on `db`'s connection, replacing the platform-day's row of the same formula
 * version (what upsertSnapshots does, with one prepared statement). Call inside the write transaction.
 */
export function storeSnapshotRows(db: Db, rows: readonly SnapshotRow[]): void {
  let upsert = upsertStatements.get(db.$client);
  if (!upsert) upsertStatements.set(db.$client, (upsert = db.$client.prepare<unknown[]>(UPSERT_SNAPSHOT_SQL)));
  for (const r of rows) {
    upsert.run(
      r.platformId, r.day, r.formulaVersion, r.score, r.grade, r.provisional ? 1 : 0, r.cappedAtC ? 1 : 0, r.violationRate, r.rectificationRate,
      r.repeatRate, r.severityIndex, r.decided, r.confirmed, r.noticesOnTime, r.noticesDue, r.repeatCases, r.severitySum, r.computedAt,
    );
  }
}

type Writer = Pick<Db, "insert">;

/** Stores snapshot rows, replacing the platform-day's row of the same formula version. */
export function upsertSnapshots(tx: Writer, rows: readonly SnapshotRow[]): void {
  for (const row of rows) {
    tx.insert(ratingSnapshots)
      .values(row)
      .onConflictDoUpdate({ target: [ratingSnapshots.platformId, ratingSnapshots.day, ratingSnapshots.formulaVersion], set: { ...row } })
      .run();
  }
}

/** A range's snapshot rows, computed but not stored (the read part of computeSnapshots; the catch-up runs it on the background worker). */
export type RangeRows = { from: string; to: string; days: number; platforms: number; rows: SnapshotRow[] };

export function rangeRows(db: Db, range: DayRange, computedAt: string): RangeRows {
  const { from, to } = checkRange(range);
  const inputs = loadRatingInputs(db, { from, to });
  const rows = snapshotRows(inputs, computedAt);
  return { from, to, days: inputs.days.length, platforms: inputs.rated.length, rows };
}

/** Stores a range's rows and its one `ratings.computed` event in one immediate transaction (the write part of computeSnapshots). */
export function storeRangeRows(db: Db, computed: RangeRows, options: { computedAt: string; actorId?: number | null; requestId?: string | null }): ComputeSummary {
  const { from, to, rows } = computed;
  db.transaction(
    (tx) => {
      storeSnapshotRows(db, rows);
      recordAudit(tx, {
        actorId: options.actorId ?? null,
        action: "ratings.computed",
        targetType: "rating_snapshots",
        targetId: `${from}..${to}`,
        after: { from, to, days: computed.days, platforms: computed.platforms, snapshots: rows.length, formulaVersion: FORMULA_VERSION },
        requestId: options.requestId ?? null,
        at: options.computedAt,
      });
    },
    { behavior: "immediate" },
  );
  invalidatePlatformStanding();
  return { from, to, days: computed.days, platforms: computed.platforms, snapshots: rows.length };
}

/**
 * Computes and stores the snapshots of every registered platform for each day of the range; running
 * it again for the same days replaces them with the same numbers (idempotent). One audit event.
 */
export function computeSnapshots(db: Db, range: DayRange, options: { now?: Date; actorId?: number | null; requestId?: string | null } = {}): ComputeSummary {
  const computedAt = (options.now ?? new Date()).toISOString();
  return storeRangeRows(db, rangeRows(db, range, computedAt), { computedAt, actorId: options.actorId, requestId: options.requestId });
}
