// How long the platform page's rating data and the console home's operations series take, in
// process — the database part of serving the two pages.
//
//   flock /tmp/linkdesk-e2e.lock npx tsx bench/platform-page.ts [platform-source.db] [operations-source.db]
//
// Platform page: a copy of the ratings dataset (bench/data/ratings-db.ts: 500,000 decisions across 50
// platforms, 146,624 notices) with 180 days of snapshots computed into it. For every platform: the
// snapshot history and "why", the weekly categories, the rectification histogram, the recent cases
// and the override in force (everything the page reads), first cold, then warm, then the busiest
// platform 20 times. Operations: the 1M-complaint dataset (bench/data/reports-db.ts, with its intake
// audit trail), read-only: 30 days in Asia/Shanghai, cold and warm, and the cached call the home
// page makes. BENCH_SCALE_DB (bench/data/scale-db.ts) replaces both sources when set.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { wrap } from "@/lib/db/open";
import { cachedOperationsSeries, operationsSeries } from "@/lib/operations/daily-operations";
import { overrideInForce, recentConfirmedCases, rectificationDistribution, scoreHistory, weeklyConfirmedByCategory } from "@/lib/ratings/platform-report";
import { explainGrade } from "@/lib/ratings/why";
import { DEFAULT_OPERATIONS_SOURCE, DEFAULT_PLATFORM_SOURCE, platformCopy } from "./support/platform-page-data";

const scale = process.env.BENCH_SCALE_DB;
const platformSource = scale ?? process.argv[2] ?? DEFAULT_PLATFORM_SOURCE;
const operationsSource = scale ?? process.argv[3] ?? DEFAULT_OPERATIONS_SOURCE;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "platform-page-"));
const file = path.join(work, "platforms.db");
const prepared = platformCopy(platformSource, file);
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
const db = wrap(sqlite);
const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
const latestDay = prepared.lastDay;
// The dataset's "now": the end of its last day (its data stops there).
const now = new Date(Date.parse(`${latestDay}T00:00:00.000Z`) + 86_400_000 - 1);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => Math.round(n * 100) / 100;

function platformPage(platformId: number) {
  const t0 = performance.now();
  const history = scoreHistory(db, platformId, { to: latestDay });
  explainGrade(history);
  const t1 = performance.now();
  weeklyConfirmedByCategory(db, platformId, { now });
  const t2 = performance.now();
  rectificationDistribution(db, platformId, { now });
  const t3 = performance.now();
  recentConfirmedCases(db, platformId);
  overrideInForce(db, platformId, now);
  const t4 = performance.now();
  return { total: t4 - t0, history: t1 - t0, weekly: t2 - t1, rectification: t3 - t2, recent: t4 - t3, snapshots: history.length };
}

function summarize(runs: ReturnType<typeof platformPage>[]) {
  const of = (key: "total" | "history" | "weekly" | "rectification" | "recent") => {
    const sorted = runs.map((r) => r[key]).sort((a, b) => a - b);
    return { p50: ms(percentile(sorted, 50)), p95: ms(percentile(sorted, 95)), max: ms(sorted.at(-1)!) };
  };
  return { total: of("total"), history: of("history"), weekly: of("weekly"), rectification: of("rectification"), recent: of("recent") };
}

const platforms = sqlite.prepare("select id from platforms where is_independent = 0 order by id").all() as { id: number }[];
console.log(
  JSON.stringify({
    platformSource,
    snapshotSecondsToPrepare: prepared.snapshotSeconds,
    decisions: count("select count(*) as n from decisions"),
    notices: count("select count(*) as n from rectification_notices"),
    snapshots: count("select count(*) as n from rating_snapshots"),
    auditEvents: count("select max(seq) as n from audit_events"),
    platforms: platforms.length,
    latestDay,
  }),
);
const cold = platforms.map((p) => platformPage(p.id));
const warm = platforms.map((p) => platformPage(p.id));
const busiest = platforms.map((p) => p.id).sort((a, b) => count(`select count(*) as n from rectification_notices where platform_id = ${b}`) - count(`select count(*) as n from rectification_notices where platform_id = ${a}`))[0]!;
const repeats = Array.from({ length: 20 }, () => platformPage(busiest));
console.log(JSON.stringify({ platformPage: { cold: summarize(cold), warm: summarize(warm), busiestPlatform: { id: busiest, ...summarize(repeats) }, snapshotsPerPlatform: warm[0]!.snapshots } }, null, 2));

const timed = <T>(run: () => T) => {
  const t0 = performance.now();
  const value = run();
  return { ms: ms(performance.now() - t0), value };
};
sqlite.close();
fs.rmSync(work, { recursive: true, force: true });

const opsSqlite = new Database(operationsSource, { readonly: true, fileMustExist: true });
const opsDb = wrap(opsSqlite);
const opsCount = (sql: string) => (opsSqlite.prepare(sql).get() as { n: number }).n;
const lastReport = (opsSqlite.prepare("select max(created_at) as at from reports").get() as { at: string }).at;
const opsNow = new Date(Date.parse(lastReport) + 60_000);
console.log(
  JSON.stringify({
    operationsSource,
    reports: opsCount("select count(*) as n from reports"),
    cases: opsCount("select count(*) as n from cases"),
    openCases: opsCount("select count(*) as n from cases where status in ('open', 'escalated')"),
    decisions: opsCount("select count(*) as n from decisions"),
    auditEvents: opsCount("select max(seq) as n from audit_events"),
    now: opsNow.toISOString(),
  }),
);
const opsCold = timed(() => operationsSeries(opsDb, { now: opsNow, timeZone: "Asia/Shanghai" }));
const opsWarm = Array.from({ length: 5 }, () => timed(() => operationsSeries(opsDb, { now: opsNow, timeZone: "Asia/Shanghai" })).ms).sort((a, b) => a - b);
cachedOperationsSeries(opsDb, { now: opsNow, timeZone: "Asia/Shanghai" });
const cachedCall = timed(() => cachedOperationsSeries(opsDb, { now: new Date(opsNow.getTime() + 1000), timeZone: "Asia/Shanghai" }));
// Each minute after: the cache has expired, the closed days are kept, only today is computed again.
const nextMinutes = [1, 2, 3, 4, 5]
  .map((minute) => timed(() => cachedOperationsSeries(opsDb, { now: new Date(opsNow.getTime() + minute * 61_000), timeZone: "Asia/Shanghai" })).ms)
  .sort((a, b) => a - b);
const last = opsCold.value.at(-1)!;
console.log(
  JSON.stringify(
    { operations: { coldMs: opsCold.ms, warmMs: { min: opsWarm[0], median: opsWarm[2], max: opsWarm[4] }, cachedMs: cachedCall.ms, nextMinuteMs: { min: nextMinutes[0], median: nextMinutes[2], max: nextMinutes[4] }, lastDay: last } },
    null,
    2,
  ),
);
