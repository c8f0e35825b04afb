// Keeping today's rating snapshots current while the server runs (server.ts starts it).
//
// Decisions, undos, reversals, appeal overturns and notice answers mark their platform stale in their
// own transaction (./refresh-marks.ts), whichever process or module instance made them. Every few
// seconds the refresher recomputes today's snapshot of the marked platforms and clears the marks it
// saw. Deadlines pass without any event (an unanswered notice becomes overdue, a critical one caps the
// grade): each tick also recomputes the platforms with a notice deadline passed since the last tick
// (one indexed probe per platform). Today's window is fixed for the whole day, so nothing else moves
// it; a full pass over every platform still runs every FULL_REFRESH_MS (new platforms, anything
// written behind the marks' back), and a minute after the UTC day changes yesterday is closed and the
// new day's snapshots written.
//
// The reads run in a read transaction (WAL: the writers go on meanwhile), the marks read in it agree
// with the decisions read in it; only changed rows are written, in a short immediate transaction that
// deletes each seen mark only if no newer mark replaced it (generation). One audit event per write
// that changed a snapshot.
import { and, eq, inArray, sql } from "drizzle-orm";
import { ratingSnapshots } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { DAY_MS } from "@/lib/time/now";
import { type SnapshotRow, dayStart, loadRatingInputs, snapshotRows, storeSnapshotRows, utcDay } from "./compute";
import { FORMULA_VERSION } from "./formula";
import { invalidatePlatformStanding } from "./platform-standing";
import { type BackgroundReader, readerFor } from "./background-worker";
import { markRatingStale } from "./refresh-marks";

export const RATING_TICK_MS = 5_000;
export const FULL_REFRESH_MS = 60 * 60_000;
/** A platform's recomputations are spaced by this many times their own duration (see startRatingRefresh). */
export const THROTTLE = 50;
/** Yesterday is closed this long after midnight UTC, after any decision stamped just before it has committed. */
export const CLOSE_DAY_AFTER_MS = 60_000;

type Mark = { platformId: number; generation: number };

export type RefreshResult = { day: string; platforms: number; changed: number; cleared: number; ids: number[] };

// The columns that make a snapshot; computedAt is when, not what.
const compared = [
  "score",
  "grade",
  "provisional",
  "cappedAtC",
  "violationRate",
  "rectificationRate",
  "repeatRate",
  "severityIndex",
  "decided",
  "confirmed",
  "noticesOnTime",
  "noticesDue",
  "repeatCases",
  "severitySum",
] as const;

const same = (a: SnapshotRow, b: Partial<SnapshotRow> | undefined) => b !== undefined && compared.every((k) => a[k] === b[k]);

/** What a refresh reads, as plain data (it crosses to the background worker and back). */
export type RefreshRequest = {
  scope: "marked" | "all";
  /** When it is computed (ms since the epoch). */
  nowMs: number;
  /** The day to recompute; today's by default. */
  day?: string;
  /** Platforms to recompute besides the marked ones ("marked" scope). */
  also?: readonly number[];
  /** Marked platforms not to take now: they keep their marks for a later tick ("marked" scope). */
  skip?: readonly number[];
};

type Summary = ReturnType<typeof snapshotSummary>;

/** The read part of a refresh: the marks seen, the rows that changed (with what they replace), and how long it took. */
export type RefreshRead = {
  day: string;
  scope: "marked" | "all";
  at: string;
  marks: Mark[];
  changed: SnapshotRow[];
  /** The stored rows the changed ones replace, in the same order (null where there was none). */
  before: Summary[];
  /** Whether a changed row moved a grade or its provisional flag (the standings follow those). */
  standingMoved: boolean;
  rated: number[];
  /** Milliseconds the read and the counting took (the throttle's measure). */
  ms: number;
};

/**
 * The heavy, read-only part of a refresh: in one read transaction (WAL: writers go on meanwhile) the
 * marks and the decisions and notices they are about, so the two agree; then the counting and the
 * comparison with the stored rows. Null when there is nothing to do. Runs on the background worker's
 * read-only connection in the server (./background-worker.ts), in the caller's thread otherwise.
 */
export function readRefresh(db: Db, request: RefreshRequest): RefreshRead | null {
  const started = performance.now();
  const now = new Date(request.nowMs);
  const today = utcDay(request.nowMs);
  const day = request.day ?? today;
  const { scope } = request;
  const skip = scope === "marked" && request.skip && request.skip.length > 0 ? new Set(request.skip) : null;
  const read = db.transaction(
    () => {
      const all = day === today ? db.all<Mark>(sql`select platform_id as platformId, generation from rating_stale_platforms`) : [];
      const marks = skip ? all.filter((m) => !skip.has(m.platformId)) : all;
      const also = (request.also ?? []).filter((id) => !skip?.has(id));
      if (scope === "marked" && marks.length === 0 && also.length === 0) return null;
      const ids = scope === "marked" ? [...new Set([...marks.map((m) => m.platformId), ...also])] : undefined;
      const inputs = loadRatingInputs(db, { from: day, to: day }, ids);
      const existing =
        inputs.rated.length === 0
          ? []
          : db
              .select()
              .from(ratingSnapshots)
              .where(and(eq(ratingSnapshots.day, day), eq(ratingSnapshots.formulaVersion, FORMULA_VERSION), inArray(ratingSnapshots.platformId, inputs.rated)))
              .all();
      return { marks, inputs, existing };
    },
    { behavior: "deferred" },
  );
  if (!read) return null;
  const at = now.toISOString();
  const stored = new Map(read.existing.map((r) => [r.platformId, r]));
  const changed = snapshotRows(read.inputs, at).filter((row) => !same(row, stored.get(row.platformId)));
  return {
    day,
    scope,
    at,
    marks: read.marks,
    changed,
    before: changed.map((r) => snapshotSummary(stored.get(r.platformId))),
    // The standings (verdict modes, queue priority) follow a changed grade; a changed score alone does not matter to them.
    standingMoved: changed.some((r) => stored.get(r.platformId)?.grade !== r.grade || stored.get(r.platformId)?.provisional !== r.provisional),
    rated: read.inputs.rated,
    ms: performance.now() - started,
  };
}

/**
 * The write part, on the main connection: the changed rows, the seen marks deleted only if no newer
 * mark replaced them (generation), and one audit event when a snapshot changed, in one short
 * immediate transaction.
 */
export function writeRefresh(db: Db, read: RefreshRead): RefreshResult {
  const { day, scope, at, changed } = read;
  let cleared = 0;
  if (changed.length > 0 || read.marks.length > 0) {
    db.transaction(
      (tx) => {
        storeSnapshotRows(db, changed);
        const clear = db.$client.prepare<[number, number]>("delete from rating_stale_platforms where platform_id = ? and generation = ?");
        for (const m of read.marks) cleared += clear.run(m.platformId, m.generation).changes;
        if (changed.length > 0) {
          recordAudit(tx, {
            actorId: null,
            action: "ratings.refreshed",
            targetType: "rating_snapshots",
            targetId: day,
            before: { platforms: read.before },
            after: { day, scope, formulaVersion: FORMULA_VERSION, platforms: changed.map((r) => snapshotSummary(r)) },
            at,
          });
        }
      },
      { behavior: "immediate" },
    );
  }
  if (read.standingMoved) invalidatePlatformStanding();
  return { day, platforms: read.rated.length, changed: changed.length, cleared, ids: read.rated };
}

/**
 * Recomputes one day's snapshots of the marked platforms (`scope: "marked"`) or of all platforms, writes
 * those that changed and, when `day` is today's, clears the marks read. Synchronous, all on the
 * caller's thread (the seed, benches, tests); the server's refresher reads on the background worker.
 */
export function refreshRatings(
  db: Db,
  scope: "marked" | "all",
  options: {
    now?: Date;
    day?: string;
    /** Platforms to recompute besides the marked ones ("marked" scope). */
    also?: readonly number[];
    /** Marked platforms not to take now ("marked" scope). */
    skip?: readonly number[];
  } = {},
): RefreshResult {
  const nowMs = (options.now ?? new Date()).getTime();
  const read = readRefresh(db, { scope, nowMs, day: options.day, also: options.also, skip: options.skip });
  if (!read) return { day: options.day ?? utcDay(nowMs), platforms: 0, changed: 0, cleared: 0, ids: [] };
  return writeRefresh(db, read);
}

/** The rated platforms with a notice whose deadline passed in (after, upTo]: their rectification counts moved. */
export function deadlinesPassed(db: Db, after: string, upTo: string): number[] {
  return db.all<{ id: number }>(
    sql`select p.id from platforms p where p.is_independent = 0 and exists (
          select 1 from rectification_notices n where n.platform_id = p.id and n.deadline_at > ${after} and n.deadline_at <= ${upTo})`,
  ).map((r) => r.id);
}

const snapshotSummary = (r: Partial<SnapshotRow> | undefined) =>
  r === undefined ? null : { platformId: r.platformId, score: r.score, grade: r.grade, provisional: r.provisional, cappedAtC: r.cappedAtC };

export type RatingRefresh = {
  stop: () => void;
  /** One tick now. In-thread (`worker: false`) it has done all its work when it returns; with the worker, when the promise settles. */
  tick: () => Promise<void>;
};

/**
 * Starts the refresher: marked platforms every `tickMs`, all platforms every `fullEveryMs`, and
 * yesterday closed once a minute into each new UTC day. The reads and the counting run on the
 * background worker (./background-worker.ts; `worker: false` runs them on this thread, for tests),
 * the short write transaction here, on the main connection. A tick that finds no mark and no passed
 * deadline sends the worker nothing, so an idle worker exits. Errors are logged; the next tick tries
 * again (with a new worker if the old one died).
 */
export function startRatingRefresh(
  db: Db,
  options: { tickMs?: number; fullEveryMs?: number; clock?: () => number; worker?: boolean | BackgroundReader } = {},
): RatingRefresh {
  const tickMs = options.tickMs ?? RATING_TICK_MS;
  const fullEveryMs = options.fullEveryMs ?? FULL_REFRESH_MS;
  const clock = options.clock ?? Date.now;
  const reader = readerFor(db, options.worker);
  // In-thread, a tick must have done everything when tick() returns: a plain value is never awaited.
  const readNow = (request: RefreshRequest): RefreshRead | null | Promise<RefreshRead | null> =>
    reader ? reader.run<RefreshRead | null>({ kind: "ratings.refresh", request }) : readRefresh(db, request);
  let today = utcDay(clock());
  let lastFull = clock();
  // Deadlines that passed earlier today, while the server was down, are caught on the first tick.
  let deadlinesUpTo = new Date(dayStart(today)).toISOString();
  let toClose: string | null = null;
  const notBefore = new Map<number, number>();
  let running = false;
  const tick = async () => {
    if (running) return; // the worker is still on the last one
    running = true;
    try {
      const nowMs = clock();
      const day = utcDay(nowMs);
      if (day !== today) {
        toClose = today;
        today = day;
        lastFull = Number.NEGATIVE_INFINITY; // today's rows do not exist yet
      }
      if (toClose !== null && nowMs >= dayStart(today) + CLOSE_DAY_AFTER_MS) {
        // Yesterday ends at midnight: anything it counts is in by now.
        if (dayStart(today) - dayStart(toClose) <= DAY_MS) {
          const pending = readNow({ scope: "all", nowMs, day: toClose });
          const closed = pending instanceof Promise ? await pending : pending;
          if (closed) writeRefresh(db, closed);
        }
        toClose = null;
      }
      const upTo = new Date(nowMs).toISOString();
      if (nowMs - lastFull >= fullEveryMs) {
        const pending = readNow({ scope: "all", nowMs });
        const full = pending instanceof Promise ? await pending : pending;
        if (full) writeRefresh(db, full);
        lastFull = nowMs;
      } else {
        // A platform whose recomputation took t ms waits THROTTLE × t before its next one (its marks
        // stay meanwhile): however busy the biggest platform is, the refresher (and, in-thread, the
        // event loop) spends at most 1 / THROTTLE of the time on it; small platforms (a few ms) are
        // recomputed on every tick.
        const skip = [...notBefore].filter(([, at]) => at > nowMs).map(([id]) => id);
        const skipped = new Set(skip);
        const due = deadlinesPassed(db, deadlinesUpTo, upTo);
        for (const id of due) if (skipped.has(id)) markRatingStale(db, id, upTo); // kept for its turn
        if (due.some((id) => !skipped.has(id)) || markedToTake(db, skipped)) {
          const pending = readNow({ scope: "marked", nowMs, also: due, skip });
          const marked = pending instanceof Promise ? await pending : pending;
          if (marked) {
            const started = performance.now();
            writeRefresh(db, marked);
            const wait = (marked.ms + performance.now() - started) * THROTTLE;
            for (const id of marked.rated) notBefore.set(id, nowMs + wait);
          }
        }
      }
      deadlinesUpTo = upTo;
    } catch (error) {
      console.error("[ratings] refresh failed:", error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}

/** Whether some marked platform may be taken now (the marks table holds a row per marked platform: tiny). */
function markedToTake(db: Db, skipped: ReadonlySet<number>): boolean {
  return db.all<{ platformId: number }>(sql`select platform_id as platformId from rating_stale_platforms`).some((m) => !skipped.has(m.platformId));
}
