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
import { type SnapshotRow, dayStart, loadRatingInputs, snapshotRows, upsertSnapshots, utcDay } from "./compute";
import { FORMULA_VERSION } from "./formula";
import { invalidatePlatformStanding } from "./platform-standing";
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

/**
 * Recomputes one day's snapshots of the marked platforms (`scope: "marked"`) or of all platforms, writes
 * those that changed and, when `day` is today's, clears the marks read. Synchronous; a few milliseconds
 * for a handful of platforms on the demo data.
 */
export function refreshRatings(
  db: Db,
  scope: "marked" | "all",
  options: {
    now?: Date;
    day?: string;
    /** Platforms to recompute besides the marked ones ("marked" scope). */
    also?: readonly number[];
    /** Which marked platforms to take now; the others keep their marks for a later tick ("marked" scope). */
    take?: (platformId: number) => boolean;
  } = {},
): RefreshResult {
  const now = options.now ?? new Date();
  const today = utcDay(now.getTime());
  const day = options.day ?? today;
  const read = db.transaction(
    () => {
      const all = day === today ? db.all<Mark>(sql`select platform_id as platformId, generation from rating_stale_platforms`) : [];
      const take = scope === "marked" ? options.take : undefined;
      const marks = take ? all.filter((m) => take(m.platformId)) : all;
      const also = (options.also ?? []).filter((id) => !take || take(id));
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
  if (!read) return { day, platforms: 0, changed: 0, cleared: 0, ids: [] };

  const at = now.toISOString();
  const before = new Map(read.existing.map((r) => [r.platformId, r]));
  const changed = snapshotRows(read.inputs, at).filter((row) => !same(row, before.get(row.platformId)));
  let cleared = 0;
  if (changed.length > 0 || read.marks.length > 0) {
    db.transaction(
      (tx) => {
        upsertSnapshots(tx, changed);
        const clear = db.$client.prepare<[number, number]>("delete from rating_stale_platforms where platform_id = ? and generation = ?");
        for (const m of read.marks) cleared += clear.run(m.platformId, m.generation).changes;
        if (changed.length > 0) {
          recordAudit(tx, {
            actorId: null,
            action: "ratings.refreshed",
            targetType: "rating_snapshots",
            targetId: day,
            before: { platforms: changed.map((r) => snapshotSummary(before.get(r.platformId))) },
            after: { day, scope, formulaVersion: FORMULA_VERSION, platforms: changed.map((r) => snapshotSummary(r)) },
            at,
          });
        }
      },
      { behavior: "immediate" },
    );
  }
  // The standings (verdict modes, queue priority) follow a changed grade; a changed score alone does not matter to them.
  if (changed.some((r) => before.get(r.platformId)?.grade !== r.grade || before.get(r.platformId)?.provisional !== r.provisional)) {
    invalidatePlatformStanding();
  }
  return { day, platforms: read.inputs.rated.length, changed: changed.length, cleared, ids: read.inputs.rated };
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

export type RatingRefresh = { stop: () => void; tick: () => void };

/**
 * Starts the refresher: marked platforms every `tickMs`, all platforms every `fullEveryMs`, and
 * yesterday closed once a minute into each new UTC day. Errors are logged; the next tick tries again.
 */
export function startRatingRefresh(
  db: Db,
  options: { tickMs?: number; fullEveryMs?: number; clock?: () => number } = {},
): RatingRefresh {
  const tickMs = options.tickMs ?? RATING_TICK_MS;
  const fullEveryMs = options.fullEveryMs ?? FULL_REFRESH_MS;
  const clock = options.clock ?? Date.now;
  let today = utcDay(clock());
  let lastFull = clock();
  // Deadlines that passed earlier today, while the server was down, are caught on the first tick.
  let deadlinesUpTo = new Date(dayStart(today)).toISOString();
  let toClose: string | null = null;
  const notBefore = new Map<number, number>();
  const tick = () => {
    try {
      const nowMs = clock();
      const now = new Date(nowMs);
      const day = utcDay(nowMs);
      if (day !== today) {
        toClose = today;
        today = day;
        lastFull = Number.NEGATIVE_INFINITY; // today's rows do not exist yet
      }
      if (toClose !== null && nowMs >= dayStart(today) + CLOSE_DAY_AFTER_MS) {
        // Yesterday ends at midnight: anything it counts is in by now.
        if (dayStart(today) - dayStart(toClose) <= DAY_MS) refreshRatings(db, "all", { now, day: toClose });
        toClose = null;
      }
      const upTo = now.toISOString();
      if (nowMs - lastFull >= fullEveryMs) {
        refreshRatings(db, "all", { now });
        lastFull = nowMs;
      } else {
        // A platform whose recomputation took t ms waits THROTTLE × t before its next one (its marks
        // stay meanwhile): the refresher holds the event loop at most 1 / THROTTLE of the time, however
        // busy the biggest platform is; small platforms (a few ms) are recomputed on every tick.
        const take = (id: number) => (notBefore.get(id) ?? 0) <= nowMs;
        const due = deadlinesPassed(db, deadlinesUpTo, upTo);
        for (const id of due) if (!take(id)) markRatingStale(db, id, upTo); // kept for its turn
        const started = performance.now();
        const result = refreshRatings(db, "marked", { now, also: due, take });
        const wait = (performance.now() - started) * THROTTLE;
        for (const id of result.ids) notBefore.set(id, nowMs + wait);
      }
      deadlinesUpTo = upTo;
    } catch (error) {
      console.error("[ratings] refresh failed:", error);
    }
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
