// Rating snapshots at scale (issue 6, docs/performance.md "Ratings"). Targets, on a database of
// 1,000,000 complaints and 500,000 decisions across 50 platforms: one day's snapshots of every
// platform in under 1 s; a 180-day backfill in under 60 s.
//
//   npx tsx bench/ratings.ts          # builds bench/data/ratings-1m.db once (bench/data/ratings-db.ts), then measures
//   BENCH_SCALE_DB=path npx tsx bench/ratings.ts   # measures on a fresh copy of the shared full-scale dataset instead
//
// On a fresh copy of the dataset (same pragmas as the server, lib/db/open.ts), interleaved:
//   - Linkdesk: computeSnapshots (lib/ratings/compute.ts), the function behind `npm run ratings:compute`,
//     the server's catch-up and the demo seed: reads, counts, rates, stores every snapshot and one audit event;
//   - the baseline: the fastest plain SQL I could write with better-sqlite3 for the same counts (one
//     aggregate statement per day for the decisions, with a window over each domain's confirmed
//     violations for repeats, and one for the notices), rated by the same formula and stored with one
//     prepared upsert per row, in one transaction — no audit event. The 180-day baseline runs the
//     one-day statements for each day.
// Both write the same rows: the counts of every platform-day are compared, and a difference fails the
// run. Also measured: the refresher's tick for one marked platform (lib/ratings/refresh.ts), in this
// thread and as the server runs it (read on the background worker, only the write here), and the
// mark a decision writes in its transaction (lib/ratings/refresh-marks.ts).
// Prints a table, writes bench/results/ratings.json, exits non-zero if a check fails.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { applyMigrations, openSqlite, wrap } from "@/lib/db/open";
import { computeSnapshots, dayStart, utcDay } from "@/lib/ratings/compute";
import { FORMULA_VERSION, type RatingCounts, rate } from "@/lib/ratings/formula";
import { BackgroundReader } from "@/lib/ratings/background-worker";
import { type RefreshRead, refreshRatings, writeRefresh } from "@/lib/ratings/refresh";
import { markRatingStale } from "@/lib/ratings/refresh-marks";
import { DAY_MS } from "@/lib/time/now";
import { DEFAULT_FILE, RATINGS_NOW, buildRatingsDb } from "./data/ratings-db";
import { checkpointForCopy, freshCopy, isFreshDb } from "./support/cached-db";

const ONE_DAY_TARGET_MS = 1_000;
const BACKFILL_TARGET_MS = 60_000;
const BACKFILL_DAYS = 180;
const REPEATS = 5;

type Counts = Omit<RatingCounts, "criticalOverdue"> & { criticalOverdue?: number };
const countKeys = ["decided", "confirmed", "noticesOnTime", "noticesDue", "repeatCases", "severitySum"] as const;

function prepareBaseline(sqlite: Database.Database) {
  const decisionsOfDay = sqlite.prepare<{ lookStart: string; start: string; end: string }, { pid: number; decided: number; confirmed: number; severitySum: number; repeatCases: number }>(
    `with w as (
       select l.platform_id as pid, l.registrable_domain as dom, d.severity, d.created_at as at,
              d.outcome = 'violation' and (d.reversed_at is null or d.reversed_at >= @end) as conf
         from decisions d join cases c on c.id = d.case_id join links l on l.id = c.link_id
        where d.created_at >= @lookStart and d.created_at < @end and d.outcome in ('violation', 'no_violation')
          and not (coalesce(d.reversal_kind, '') = 'undo' and d.reversed_at < @end)
     ), v as (
       -- the latest confirmed violation of the domain strictly before this one (GROUPS skips ties)
       select pid, at, severity, max(at) over (partition by dom order by at groups between unbounded preceding and 1 preceding) as prev from w where conf
     )
     select pid, sum(decided) as decided, sum(confirmed) as confirmed, sum(sev) as severitySum, sum(rep) as repeatCases from (
       select pid, 1 as decided, 0 as confirmed, 0 as sev, 0 as rep from w where at >= @start
       union all
       select pid, 0, 1, case severity when 'critical' then 8 when 'high' then 4 when 'medium' then 2 else 1 end,
              prev is not null and prev >= strftime('%Y-%m-%dT%H:%M:%fZ', at, '-180 days')
         from v where at >= @start
     ) group by pid`,
  );
  const noticesOfDay = sqlite.prepare<{ start: string; end: string }, { pid: number; noticesDue: number; noticesOnTime: number; criticalOverdue: number }>(
    `select n.platform_id as pid,
            sum((n.answered_at is not null and n.answered_at < @end) or n.deadline_at < @end) as noticesDue,
            sum(n.answered_at is not null and n.answered_at < @end and n.answered_at <= n.deadline_at) as noticesOnTime,
            sum(d.severity = 'critical' and n.deadline_at < @end and not (n.answered_at is not null and n.answered_at < @end)) as criticalOverdue
       from rectification_notices n join decisions d on d.id = n.decision_id
      where n.sent_at >= @start and n.sent_at < @end and not (n.withdrawn_at is not null and n.withdrawn_at < @end)
      group by n.platform_id`,
  );
  const rated = sqlite.prepare<[], { id: number }>("select id from platforms where is_independent = 0 order by id");
  const upsert = sqlite.prepare(
    `insert into rating_snapshots (platform_id, day, formula_version, score, grade, provisional, capped_at_c, violation_rate, rectification_rate,
       repeat_rate, severity_index, decided, confirmed, notices_on_time, notices_due, repeat_cases, severity_sum, computed_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (platform_id, day, formula_version) do update set score = excluded.score, grade = excluded.grade, provisional = excluded.provisional,
       capped_at_c = excluded.capped_at_c, violation_rate = excluded.violation_rate, rectification_rate = excluded.rectification_rate,
       repeat_rate = excluded.repeat_rate, severity_index = excluded.severity_index, decided = excluded.decided, confirmed = excluded.confirmed,
       notices_on_time = excluded.notices_on_time, notices_due = excluded.notices_due, repeat_cases = excluded.repeat_cases,
       severity_sum = excluded.severity_sum, computed_at = excluded.computed_at`,
  );
  /** The counts of every rated platform for the day. */
  const countsOf = (day: string): Map<number, Counts & { criticalOverdue: number }> => {
    const endMs = dayStart(day) + DAY_MS;
    const end = new Date(endMs).toISOString();
    const start = new Date(endMs - 90 * DAY_MS).toISOString();
    const lookStart = new Date(endMs - 270 * DAY_MS).toISOString();
    const result = new Map<number, Counts & { criticalOverdue: number }>();
    for (const { id } of rated.all()) result.set(id, { decided: 0, confirmed: 0, noticesOnTime: 0, noticesDue: 0, repeatCases: 0, severitySum: 0, criticalOverdue: 0 });
    for (const r of decisionsOfDay.all({ lookStart, start, end })) {
      const c = result.get(r.pid);
      if (c) Object.assign(c, { decided: r.decided, confirmed: r.confirmed, severitySum: r.severitySum, repeatCases: r.repeatCases });
    }
    for (const r of noticesOfDay.all({ start, end })) {
      const c = result.get(r.pid);
      if (c) Object.assign(c, { noticesDue: r.noticesDue, noticesOnTime: r.noticesOnTime, criticalOverdue: r.criticalOverdue });
    }
    return result;
  };
  /** Counts, rates and stores the days; returns the counts. */
  const run = (days: readonly string[]) => {
    const computedAt = new Date().toISOString();
    const all = new Map<string, Map<number, Counts>>();
    for (const day of days) all.set(day, countsOf(day));
    sqlite.transaction(() => {
      for (const [day, counts] of all) {
        for (const [pid, c] of counts) {
          const r = rate(c as RatingCounts);
          upsert.run(pid, day, FORMULA_VERSION, r.score, r.grade, r.provisional ? 1 : 0, r.cappedAtC ? 1 : 0, r.violationRate, r.rectificationRate,
            r.repeatRate, r.severityIndex, c.decided, c.confirmed, c.noticesOnTime, c.noticesDue, c.repeatCases, c.severitySum, computedAt);
        }
      }
    }).immediate();
    return all;
  };
  return { run };
}

function storedCounts(sqlite: Database.Database, days: readonly string[]): Map<string, Map<number, Counts>> {
  const rows = sqlite
    .prepare(
      `select day, platform_id as pid, decided, confirmed, notices_on_time as noticesOnTime, notices_due as noticesDue, repeat_cases as repeatCases, severity_sum as severitySum
         from rating_snapshots where day >= ? and day <= ? and formula_version = ?`,
    )
    .all(days[0], days[days.length - 1], FORMULA_VERSION) as ({ day: string; pid: number } & Counts)[];
  const byDay = new Map<string, Map<number, Counts>>();
  for (const r of rows) {
    let m = byDay.get(r.day);
    if (!m) byDay.set(r.day, (m = new Map()));
    m.set(r.pid, r);
  }
  return byDay;
}

/** Every platform-day's counts alike; returns the differences found (at most a few, for the report). */
function differences(a: Map<string, Map<number, Counts>>, b: Map<string, Map<number, Counts>>): string[] {
  const found: string[] = [];
  for (const [day, byPlatform] of b) {
    for (const [pid, counts] of byPlatform) {
      const other = a.get(day)?.get(pid);
      for (const key of countKeys) {
        if (other?.[key] !== counts[key] && found.length < 10) found.push(`${day} platform ${pid} ${key}: linkdesk ${other?.[key]} baseline ${counts[key]}`);
      }
    }
  }
  return found;
}

const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
const timed = <T>(run: () => T): [T, number] => {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
};

async function main() {
  const scale = process.env.BENCH_SCALE_DB;
  let source = scale ?? DEFAULT_FILE;
  if (!scale && !isFreshDb(DEFAULT_FILE, path.join(process.cwd(), "bench", "data", "ratings-db.ts"))) {
    console.log(`building ${DEFAULT_FILE} (once) …`);
    buildRatingsDb(DEFAULT_FILE);
  }
  source = path.resolve(source);
  checkpointForCopy(source);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-ratings-bench-"));
  const file = path.join(dir, "ratings.db");
  freshCopy(source, file);
  const sqlite = openSqlite(file);
  const db = wrap(sqlite);
  applyMigrations(db);
  sqlite.exec("delete from rating_snapshots");

  const n = (q: string) => (sqlite.prepare(q).get() as { n: number }).n;
  const dataset = {
    source: scale ? "BENCH_SCALE_DB" : path.relative(process.cwd(), DEFAULT_FILE),
    reports: n("select count(*) as n from reports"),
    decisions: n("select count(*) as n from decisions"),
    countedDecisions: n("select count(*) as n from decisions where outcome in ('violation', 'no_violation')"),
    notices: n("select count(*) as n from rectification_notices"),
    platforms: n("select count(*) as n from platforms where is_independent = 0"),
    links: n("select count(*) as n from links"),
  };
  const lastDecision = (sqlite.prepare("select max(created_at) as at from decisions").get() as { at: string | null }).at;
  const today = utcDay(lastDecision ? Date.parse(lastDecision) : RATINGS_NOW.getTime());
  const backfill = { from: utcDay(dayStart(today) - (BACKFILL_DAYS - 1) * DAY_MS), to: today };
  const backfillDays = Array.from({ length: BACKFILL_DAYS }, (_, i) => utcDay(dayStart(backfill.from) + i * DAY_MS));
  console.log(`dataset: ${JSON.stringify(dataset)}; day ${today}`);
  const baseline = prepareBaseline(sqlite);
  const checks: string[] = [];

  // One day, every platform: interleaved, REPEATS times each, after one warm-up of each.
  computeSnapshots(db, { from: today, to: today });
  baseline.run([today]);
  const oneDay = { linkdesk: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < REPEATS; i += 1) {
    oneDay.linkdesk.push(timed(() => computeSnapshots(db, { from: today, to: today }))[1]);
    const stored = storedCounts(sqlite, [today]);
    const [counts, ms] = timed(() => baseline.run([today]));
    oneDay.baseline.push(ms);
    if (i === 0) checks.push(...differences(stored, counts));
  }

  // 180 days, every platform: once each (it is long), Linkdesk first, then the baseline.
  sqlite.exec("delete from rating_snapshots");
  const [, backfillLinkdesk] = timed(() => computeSnapshots(db, backfill));
  const storedBackfill = storedCounts(sqlite, backfillDays);
  const [backfillCounts, backfillBaseline] = timed(() => baseline.run(backfillDays));
  checks.push(...differences(storedBackfill, backfillCounts));

  // The refresher's tick for the biggest platform, and the mark a decision writes.
  const biggest = (sqlite.prepare("select platform_id as id, count(*) as n from links where platform_id in (select id from platforms where is_independent = 0) group by 1 order by 2 desc limit 1").get() as { id: number }).id;
  const now = new Date(dayStart(today) + DAY_MS - 1000);
  const tick: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    markRatingStale(db, biggest, now.toISOString());
    tick.push(timed(() => refreshRatings(db, "marked", { now }))[1]);
  }
  const fullPass: number[] = [];
  for (let i = 0; i < 3; i += 1) fullPass.push(timed(() => refreshRatings(db, "all", { now }))[1]);
  // The same on the background worker (lib/ratings/background-worker.ts), as the server runs them: the
  // reads and counting there, only the write transaction on this thread. Each row deleted first, so
  // that every write stores the rows and its audit event (the most the event loop is held).
  const reader = new BackgroundReader(file, { idleMs: 5_000 });
  await reader.run({ kind: "ratings.refresh", request: { scope: "all", nowMs: now.getTime() } }); // the thread's start, once
  const workerTick = { total: [] as number[], write: [] as number[] };
  const workerFull = { total: [] as number[], write: [] as number[] };
  const dropToday = sqlite.prepare("delete from rating_snapshots where day = ? and (? is null or platform_id = ?)");
  for (let i = 0; i < REPEATS + 3; i += 1) {
    const full = i >= REPEATS;
    dropToday.run(today, full ? null : biggest, full ? null : biggest);
    if (!full) markRatingStale(db, biggest, now.toISOString());
    const started = performance.now();
    const read = await reader.run<RefreshRead>({ kind: "ratings.refresh", request: { scope: full ? "all" : "marked", nowMs: now.getTime() } });
    const [, writeMs] = timed(() => writeRefresh(db, read));
    (full ? workerFull : workerTick).total.push(performance.now() - started);
    (full ? workerFull : workerTick).write.push(writeMs);
  }
  await reader.stop();
  // The statement a decision's transaction runs (its commit writes one more small page besides).
  const MARKS = 10_000;
  const [, markMs] = timed(() => sqlite.transaction(() => {
    for (let i = 0; i < MARKS; i += 1) markRatingStale(db, biggest, now.toISOString());
  }).immediate());
  const markUs = (markMs / MARKS) * 1000;

  const row = (metric: string, linkdesk: number, base: number | null, target: number | null) => ({
    metric,
    linkdesk: Math.round(linkdesk * 10) / 10,
    baseline: base === null ? null : Math.round(base * 10) / 10,
    ratio: base === null ? null : Math.round((linkdesk / base) * 100) / 100,
    target,
    pass: target === null ? null : linkdesk < target,
  });
  const summary = [
    row("one day, all platforms (ms, median of 5)", median(oneDay.linkdesk), median(oneDay.baseline), ONE_DAY_TARGET_MS),
    row(`${BACKFILL_DAYS}-day backfill, all platforms (ms)`, backfillLinkdesk, backfillBaseline, BACKFILL_TARGET_MS),
    row("refresher tick, one marked platform (ms, median of 5)", median(tick), null, null),
    row("refresher full pass, today, all platforms (ms, median of 3)", median(fullPass), null, null),
    row("refresher tick on the worker: main thread's write (ms, median of 5)", median(workerTick.write), null, null),
    row("refresher tick on the worker: whole, read there + write here (ms, median of 5)", median(workerTick.total), null, null),
    row("refresher full pass on the worker: main thread's write (ms, median of 3)", median(workerFull.write), null, null),
    row("refresher full pass on the worker: whole (ms, median of 3)", median(workerFull.total), null, null),
    row("stale mark statement in a decision's transaction (µs each)", markUs, null, null),
  ];
  const result = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "", node: process.version, loadAverage: os.loadavg() },
    dataset,
    day: today,
    backfill,
    summary,
    samples: { oneDay, tick, fullPass, workerTick, workerFull },
    countsMatch: checks.length === 0,
    differences: checks,
  };
  console.table(summary);
  if (checks.length > 0) console.error("counts differ between Linkdesk and the baseline:\n" + checks.join("\n"));
  fs.mkdirSync(path.join(process.cwd(), "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(process.cwd(), "bench", "results", "ratings.json"), `${JSON.stringify(result, null, 2)}\n`);
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (checks.length > 0 || summary.some((r) => r.pass === false)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
