// Keeping cases.priority current. A case's score is recomputed inside the intake transaction when a
// report arrives (a handful of indexed reads: complaint intake must stay fast), and for every open
// case by a periodic refresh, because the age part grows while a case waits.
import { sql } from "drizzle-orm";
import type { Severity } from "@/db/schema";
import type { Db } from "@/lib/db";
import type { BackgroundReader } from "@/lib/ratings/background-worker";
import { platformStanding } from "@/lib/ratings/platform-standing";
import { categoryByCode, severityWeight } from "@/lib/rules/categories";
import { DAY_MS, nowIso } from "@/lib/time/now";
import { type Priority, type PriorityFacts, type StoredPriority, priorityScore } from "./priority";

/** The most recent reports whose categories set the case's severity (a flood adds no new category). */
const SEVERITY_SAMPLE = 500;
/** The most recent distinct reporters whose track record counts, and how much of each record is read. */
const REPORTER_SAMPLE = 5;
const RECORD_SAMPLE = 50;

const prepared = new WeakMap<object, ReturnType<typeof prepare>>();

function statements(db: Db) {
  let s = prepared.get(db.$client);
  if (!s) {
    s = prepare(db);
    prepared.set(db.$client, s);
  }
  return s;
}

function prepare(db: Db) {
  const c = db.$client;
  return {
    caseRow: c.prepare<[number], { claimedCategory: string; reportCount: number; waitingSince: string; platformId: number | null }>(
      `select c.claimed_category as claimedCategory, c.report_count as reportCount,
              coalesce(c.reopened_at, c.opened_at) as waitingSince, l.platform_id as platformId
         from cases c join links l on l.id = c.link_id where c.id = ?`,
    ),
    categories: c
      .prepare<[number, number], { category: string }>(
        `select distinct category from (select category from reports where case_id = ? order by id desc limit ?)`,
      ),
    // reports_case_after_decision_idx (case_id, after_decision, created_at) covers this count.
    recent: c.prepare<[number, string], { n: number }>(
      `select count(*) as n from reports where case_id = ? and after_decision in (0, 1) and created_at >= ?`,
    ),
    reporters: c.prepare<[number, number], { reporterHash: string }>(
      `select reporter_hash as reporterHash from reports where case_id = ? order by id desc limit ?`,
    ),
    // A report is confirmed when its case's standing decision found a violation, rejected when it
    // found none; undecided cases and "insufficient evidence" count neither way.
    record: c.prepare<[string, number, number], { confirmed: number | null; rejected: number | null }>(
      `select sum(exists (select 1 from decisions d where d.case_id = r.case_id and d.reversed_at is null and d.outcome = 'violation')) as confirmed,
              sum(exists (select 1 from decisions d where d.case_id = r.case_id and d.reversed_at is null and d.outcome = 'no_violation')
                  and not exists (select 1 from decisions d where d.case_id = r.case_id and d.reversed_at is null and d.outcome = 'violation')) as rejected
         from (select case_id from reports where reporter_hash = ? and case_id <> ? order by id desc limit ?) r`,
    ),
    update: c.prepare<[number, string, number]>(`update cases set priority = ?, priority_parts = ? where id = ?`),
  };
}

function mostSevere(codes: Iterable<string>): Severity {
  let best: Severity = "low";
  for (const code of codes) {
    const severity = categoryByCode(code)?.severity;
    if (severity && severityWeight[severity] > severityWeight[best]) best = severity;
  }
  return best;
}

/** The facts the score is computed from, read with a few indexed queries; null for an unknown case. */
export function priorityFacts(db: Db, caseId: number, now: string): PriorityFacts | null {
  const q = statements(db);
  const row = q.caseRow.get(caseId);
  if (!row) return null;
  const codes = [row.claimedCategory, ...q.categories.all(caseId, SEVERITY_SAMPLE).map((r) => r.category)];
  const since = new Date(Date.parse(now) - DAY_MS).toISOString();
  const reporters = [...new Set(q.reporters.all(caseId, REPORTER_SAMPLE * 4).map((r) => r.reporterHash))].slice(0, REPORTER_SAMPLE);
  const trackRecords = reporters.map((hash) => {
    const record = q.record.get(hash, caseId, RECORD_SAMPLE)!;
    return { confirmed: record.confirmed ?? 0, rejected: record.rejected ?? 0 };
  });
  const grade = row.platformId === null ? null : (platformStanding(db, row.platformId)?.grade ?? null);
  return {
    severity: mostSevere(codes),
    reporters: row.reportCount,
    reportsLast24h: q.recent.get(caseId, since)!.n,
    trackRecords,
    platformGrade: grade,
    waitingSince: row.waitingSince,
    now,
  };
}

/** The score of a case as it stands now, with its parts (the queue's expanded row). */
export function casePriority(db: Db, caseId: number, now: string = nowIso()): Priority | null {
  const facts = priorityFacts(db, caseId, now);
  return facts && priorityScore(facts);
}

/**
 * Recomputes and stores one case's priority, with its parts for the queue's expanded row. Called inside the intake's write transaction (same
 * connection, so it reads the report just inserted); it changes no version: a new score never makes a
 * moderator's decision stale.
 */
export function refreshCasePriority(db: Db, caseId: number, now: string): number | null {
  const priority = casePriority(db, caseId, now);
  if (!priority) return null;
  const stored: StoredPriority = { ...priority, scoredAt: now };
  statements(db).update.run(priority.total, JSON.stringify(stored), caseId);
  return priority.total;
}

/** Cases per write transaction in a full refresh: about 12 ms of work each (bench/queue.ts), so the
 * server answers requests between chunks and the writer is never held for long. */
const REFRESH_CHUNK = 100;

/** A chunk of open cases' scores, computed but not stored: [case id, total, stored parts as JSON]. */
export type ScoredChunk = { lastId: number | null; scores: [number, number, string][]; ms: number };

/**
 * The read part of a full refresh: the next `limit` open and escalated cases after `afterId`, scored
 * (runs on the background worker's read-only connection in the server). `lastId` null: none left.
 */
export function scoreOpenCases(db: Db, afterId: number, limit: number, now: string): ScoredChunk {
  const started = performance.now();
  const ids = db
    .all<{ id: number }>(sql`select id from cases where status in ('open', 'escalated') and id > ${afterId} order by id limit ${limit}`)
    .map((r) => r.id);
  const scores: [number, number, string][] = [];
  for (const id of ids) {
    const priority = casePriority(db, id, now);
    if (priority) scores.push([id, priority.total, JSON.stringify({ ...priority, scoredAt: now } satisfies StoredPriority)]);
  }
  return { lastId: ids.at(-1) ?? null, scores, ms: performance.now() - started };
}

/**
 * On the worker a pass rests WORKER_REST × a chunk's time after each chunk, so that it takes about a
 * fifth of a core: on a two-core machine a worker scoring flat out took a whole core from the thread
 * answering requests (verdict p50 15 ms at 5,000/s during a pass). 200,000 open cases: ~25 s of
 * scoring, ~2 minutes of pass, every PRIORITY_REFRESH_MS.
 */
export const WORKER_REST = 4;

// Cases the refresher of new reports scored while a chunk was on the worker: the chunk's score of them
// is older and is not written over theirs.
const scoredMeanwhile = new Set<Set<number>>();

/**
 * Recomputes the priority of every open and escalated case, in chunks of REFRESH_CHUNK cases, each
 * its own short immediate transaction. With a background reader (the server) the chunks are scored on
 * its thread and only written here; else here, with `yieldBetween` between chunks so that the server
 * answers requests meanwhile.
 */
export async function refreshOpenPriorities(
  db: Db,
  options: { now?: () => string; yieldBetween?: () => Promise<void>; reader?: BackgroundReader | null } = {},
): Promise<number> {
  const now = options.now ?? nowIso;
  let lastId = 0;
  let refreshed = 0;
  if (options.reader) {
    const update = statements(db).update;
    for (;;) {
      const meanwhile = new Set<number>();
      scoredMeanwhile.add(meanwhile);
      let chunk: ScoredChunk;
      try {
        chunk = await options.reader.run<ScoredChunk>({ kind: "priorities", afterId: lastId, limit: REFRESH_CHUNK, now: now() });
      } finally {
        scoredMeanwhile.delete(meanwhile);
      }
      if (chunk.lastId === null) return refreshed;
      const stale = staleCases();
      db.transaction(() => {
        for (const [id, total, parts] of chunk.scores) if (!meanwhile.has(id) && !stale.has(id)) update.run(total, parts, id);
      }, { behavior: "immediate" });
      refreshed += chunk.scores.length;
      lastId = chunk.lastId;
      const rest = chunk.ms * WORKER_REST;
      await (options.yieldBetween && rest < 20 ? options.yieldBetween() : new Promise<void>((resolve) => setTimeout(resolve, rest)));
    }
  }
  for (;;) {
    const ids = db
      .all<{ id: number }>(sql`select id from cases where status in ('open', 'escalated') and id > ${lastId} order by id limit ${REFRESH_CHUNK}`)
      .map((r) => r.id);
    if (ids.length === 0) return refreshed;
    const at = now();
    db.transaction(() => {
      for (const id of ids) refreshCasePriority(db, id, at);
    }, { behavior: "immediate" });
    refreshed += ids.length;
    lastId = ids.at(-1)!;
    if (options.yieldBetween) await options.yieldBetween();
  }
}

/** The same, synchronously: for the demo seed and tests. */
export function refreshOpenPrioritiesNow(db: Db, now: string): number {
  const ids = db.all<{ id: number }>(sql`select id from cases where status in ('open', 'escalated') order by id`).map((r) => r.id);
  db.transaction(() => {
    for (const id of ids) refreshCasePriority(db, id, now);
  }, { behavior: "immediate" });
  return ids.length;
}

export const PRIORITY_REFRESH_MS = 5 * 60_000;

// Intake does not compute priorities: at thousands of complaints per second the score's reads would
// cost the intake most of its throughput (bench/intake.ts). It marks the case, and the refresher
// scores marked cases a few times a second, at most STALE_PER_TICK at a time, so a flood of complaints
// makes scores lag for a moment instead of slowing intake. Shared on globalThis by the API layer's
// and Next's copies of this module.
const staleGlobal = globalThis as unknown as { __linkdeskStalePriorities?: Set<number> };
const staleCases = () => (staleGlobal.__linkdeskStalePriorities ??= new Set<number>());
export const STALE_TICK_MS = 250;
const STALE_PER_TICK = 200;

/** Marks a case whose reports changed: its score is recomputed on the refresher's next tick. */
export function markPriorityStale(caseId: number): void {
  staleCases().add(caseId);
}

/** Scores up to `limit` marked cases now, in one transaction; returns how many. */
export function refreshStalePriorities(db: Db, now: string, limit = Number.POSITIVE_INFINITY): number {
  const stale = staleCases();
  if (stale.size === 0) return 0;
  const ids: number[] = [];
  for (const id of stale) {
    if (ids.length >= limit) break;
    ids.push(id);
  }
  db.transaction(() => {
    for (const id of ids) refreshCasePriority(db, id, now);
  }, { behavior: "immediate" });
  for (const id of ids) stale.delete(id);
  for (const meanwhile of scoredMeanwhile) for (const id of ids) meanwhile.add(id);
  return ids.length;
}

export type PriorityRefresh = { stop: () => void };

/**
 * The process's background reader for this database file, found through the registry that
 * lib/ratings/background-worker.ts fills when it loads (server.ts loads it with the rating refresher).
 * Not imported: this module is also bundled by Next (intake marks stale cases), and the worker's
 * module must stay out of that bundle. Null (score on this thread) when it is not loaded.
 */
function sharedReader(db: Db): BackgroundReader | null {
  const registry = globalThis as unknown as { __linkdeskBackgroundReader?: (file: string) => BackgroundReader };
  return db.$client.memory || !registry.__linkdeskBackgroundReader ? null : registry.__linkdeskBackgroundReader(db.$client.name);
}

/**
 * Starts the refresher (server.ts): marked cases a few times a second, and every open case every
 * `intervalMs` (the age and velocity parts change with time). Stored scores survive restarts, so the
 * first full pass waits one interval unless some case has no stored parts yet. A pass's scores are
 * read on the background worker (about 12 ms of reads per chunk of 100 cases on the scale data, which
 * on this thread held every request behind it), and each chunk's updates are written here in one
 * short transaction; `worker: false` scores on this thread, pausing between chunks.
 */
export function startPriorityRefresh(db: Db, intervalMs = PRIORITY_REFRESH_MS, options: { worker?: boolean | BackgroundReader } = {}): PriorityRefresh {
  let running = false;
  let stopped = false;
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 20));
  // The scores are read on the background worker (lib/ratings/background-worker.ts); only the writes run here.
  const reader = options.worker === false ? null : typeof options.worker === "object" ? options.worker : sharedReader(db);
  const run = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await refreshOpenPriorities(db, { yieldBetween: pause, reader });
    } catch (error) {
      console.error("[queue] priority refresh failed:", error);
    } finally {
      running = false;
    }
  };
  const staleTimer = setInterval(() => {
    try {
      refreshStalePriorities(db, nowIso(), STALE_PER_TICK);
    } catch (error) {
      console.error("[queue] priority refresh of new reports failed:", error);
    }
  }, STALE_TICK_MS);
  const timer = setInterval(() => void run(), intervalMs);
  // A database upgraded to stored parts (migration 0008) gets them now rather than in one interval.
  if (db.get<{ missing: number }>(sql`select exists (select 1 from cases where status in ('open', 'escalated') and priority_parts is null) as missing`).missing) void run();
  staleTimer.unref();
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(staleTimer);
      clearInterval(timer);
    },
  };
}
