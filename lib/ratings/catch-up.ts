// On server start: the snapshots of every day the server did not run, from the day after the last
// snapshot through today (at most the last two years), so the charts have no holes and the grades in
// force are today's. Nothing when no platform is rated. A database with no snapshot at all starts at
// its first decision (or today).
//
// The range is fixed when the call starts (before the refresher can write today's rows), then computed
// in chunks of CATCH_UP_CHUNK_DAYS (a week: about a second of work on 500,000 decisions), each its own
// computeSnapshots run (one audit event each). In the server a chunk is read and counted on the
// background worker (./background-worker.ts) and only its rows and event are written here, in one
// immediate transaction; on this thread (benches, tests) a pause between chunks lets requests in.
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { DAY_MS } from "@/lib/time/now";
import { type BackgroundReader, readerFor } from "./background-worker";
import { type ComputeSummary, MAX_RANGE_DAYS, type RangeRows, computeSnapshots, dayStart, storeRangeRows, utcDay } from "./compute";

export const CATCH_UP_CHUNK_DAYS = 7;

/** The days a catch-up at `now` computes, or null when there is nothing to do. */
export function missingDays(db: Db, now: Date = new Date()): { from: string; to: string } | null {
  const today = utcDay(now.getTime());
  const rated = db.get<{ n: number }>(sql`select count(*) as n from platforms where is_independent = 0`).n;
  if (rated === 0) return null;
  const earliest = utcDay(dayStart(today) - (MAX_RANGE_DAYS - 1) * DAY_MS);
  const last = db.get<{ day: string | null }>(sql`select max(day) as day from rating_snapshots`).day;
  let from: string;
  if (last !== null) {
    if (last >= today) return null;
    from = utcDay(dayStart(last) + DAY_MS);
  } else {
    const first = db.get<{ at: string | null }>(sql`select min(created_at) as at from decisions`).at;
    from = first === null ? today : utcDay(Date.parse(first));
  }
  if (from < earliest) from = earliest;
  if (from > today) from = today;
  return { from, to: today };
}

export type CatchUpResult = { from: string; to: string; days: number; snapshots: number; chunks: number; ms: number } | null;

/**
 * Computes the missing days (see missingDays). `pause` runs between chunks (the server gives the event
 * loop back to requests there).
 */
export async function catchUpRatings(
  db: Db,
  options: {
    now?: Date;
    pause?: () => Promise<void>;
    chunkDays?: number;
    /** Read and count each chunk on the background worker (the server), only its write here; the default (false) does all on this thread. */
    worker?: boolean | BackgroundReader;
  } = {},
): Promise<CatchUpResult> {
  const started = performance.now();
  const range = missingDays(db, options.now);
  if (!range) return null;
  const chunkDays = options.chunkDays ?? CATCH_UP_CHUNK_DAYS;
  const reader = options.worker ? readerFor(db, options.worker) : null;
  // With the worker, the event loop is free while a chunk is read; the worker rests as long as the
  // chunk took, so that a long gap takes half a core, not a whole one, from the thread answering requests.
  let lastChunkMs = 0;
  const pause =
    options.pause ?? (reader ? () => new Promise<void>((resolve) => setTimeout(resolve, lastChunkMs)) : () => new Promise<void>((resolve) => setTimeout(resolve, 20)));
  const total = (dayStart(range.to) - dayStart(range.from)) / DAY_MS + 1;
  let snapshots = 0;
  let chunks = 0;
  for (let offset = 0; offset < total; offset += chunkDays) {
    if (chunks > 0) await pause();
    const from = utcDay(dayStart(range.from) + offset * DAY_MS);
    const to = utcDay(dayStart(range.from) + Math.min(offset + chunkDays, total) * DAY_MS - DAY_MS);
    let summary: ComputeSummary;
    if (reader) {
      const computedAt = (options.now ?? new Date()).toISOString();
      const chunkStarted = performance.now();
      const rows = await reader.run<RangeRows>({ kind: "ratings.range", range: { from, to }, computedAt });
      lastChunkMs = performance.now() - chunkStarted;
      summary = storeRangeRows(db, rows, { computedAt });
    } else {
      summary = computeSnapshots(db, { from, to }, { now: options.now });
    }
    snapshots += summary.snapshots;
    chunks += 1;
  }
  return { ...range, days: total, snapshots, chunks, ms: Math.round(performance.now() - started) };
}

/** server.ts: runs the catch-up in the background and logs what it did. */
export function startRatingCatchUp(db: Db, options: { worker?: boolean | BackgroundReader } = {}): Promise<void> {
  return catchUpRatings(db, { worker: options.worker ?? true })
    .then((result) => {
      if (result) console.log(`[ratings] computed ${result.snapshots} snapshots for ${result.days} missing day(s), ${result.from} to ${result.to}, in ${result.ms} ms`);
    })
    .catch((error: unknown) => console.error("[ratings] catch-up failed:", error));
}
