// Verifying the audit chain (issue 7): a chain of 1,000,000 events, checked by the same code
// `npm run audit:verify` and the console's background job run (lib/audit/verify.ts, verify-job.ts),
// target under 10 s; against the fastest plain loop over the same rows in raw better-sqlite3
// computing the same hashes with node:crypto. Also: a tampered copy (one event's `after` changed,
// and separately one event removed) must be reported at the first bad sequence number.
//
// Usage (under the machine's benchmark lock):
//   flock /tmp/linkdesk-e2e.lock npx tsx bench/audit-verify.ts [events]      (default 1,000,000)
//   BENCH_SCALE_DB=path/to/scale.db … npx tsx bench/audit-verify.ts          (a copy of that chain instead)
// Writes bench/results/audit-verify.json; its `summary` rows are collected by `npm run bench`.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { auditDataset } from "./support/audit-data";
import { freshCopy } from "./support/cached-db";
import { scaleDatasetFile } from "./support/scale-dataset";

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Issue 7: 1,000,000 events in under 10 s; a chain of another length (BENCH_SCALE_DB) gets the same rate. */
const TARGET_SECONDS_PER_MILLION = 10;
const scaleDb = scaleDatasetFile(); // BENCH_SCALE_DB, checkpointed so that a copy holds everything

const source = scaleDb ?? auditDataset(EVENTS);
const copy = path.resolve("bench/data/audit-verify-run.db");
const tampered = path.resolve("bench/data/audit-verify-tampered.db");
freshCopy(source, copy);
process.env.DATABASE_URL = `file:${copy}`;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-bench";
process.env.REPORTER_HASH_KEY ??= "bench-reporter-key-0123456789";

const { verifyAuditChain } = await import("@/lib/audit/verify");
const { startVerifyJob, settled } = await import("@/lib/audit/verify-job");
const { GENESIS_HASH } = await import("@/lib/audit/encoding");

const secondsSince = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const readonly = (file: string) => new Database(file, { readonly: true, fileMustExist: true });
const { events, staffId } = (() => {
  const db = readonly(copy);
  const n = (db.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
  const id = (db.prepare("select min(id) as id from users").get() as { id: number | null }).id;
  db.close();
  return { events: n, staffId: id ?? 1 };
})();
const TARGET_SECONDS = Number(((TARGET_SECONDS_PER_MILLION * Math.max(events, 1)) / 1_000_000).toFixed(2));

/** lib/audit/verify.ts on its own read-only connection (the command's walk, without process start-up). */
function library(file: string) {
  const db = readonly(file);
  const t0 = performance.now();
  const report = verifyAuditChain(db);
  const seconds = secondsSince(t0);
  db.close();
  return { seconds, report };
}

/**
 * The baseline: the plainest fast loop in raw better-sqlite3 and node:crypto over the same rows,
 * computing the same hash (lib/audit/encoding.ts: sha256 of prev hash, "\n", the JSON array of the
 * fields) and checking sequence and links the same way. Arrays instead of row objects.
 */
function baseline(file: string) {
  const db = readonly(file);
  const t0 = performance.now();
  const rows = db
    .prepare("select seq, at, actor_id, action, target_type, target_id, before, after, request_id, prev_hash, hash from audit_events order by seq")
    .raw(true)
    .iterate() as IterableIterator<[number, string, number | null, string, string, string | null, string | null, string | null, string | null, string, string]>;
  let prev = GENESIS_HASH;
  let expected = 1;
  let firstBad: number | null = null;
  for (const r of rows) {
    const encoded = JSON.stringify(["ld-audit-v1", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]]);
    if (r[0] !== expected || r[9] !== prev || createHash("sha256").update(`${prev}\n${encoded}`).digest("hex") !== r[10]) {
      firstBad = Math.min(r[0], expected);
      break;
    }
    prev = r[10];
    expected += 1;
  }
  const seconds = secondsSince(t0);
  db.close();
  return { seconds, verified: expected - 1, firstBad };
}

/** `npm run audit:verify` against `file`: wall time including npm and tsx start-up. */
async function command(file: string) {
  const t0 = performance.now();
  const child = spawn("npm", ["run", "--silent", "audit:verify"], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const lines = out.split("\n").filter((l) => l && !l.startsWith("verified ") && !l.includes("npm warn"));
  return { seconds: secondsSince(t0), exitCode: code, output: lines };
}

/** The console's background job (lib/audit/verify-job.ts), slices of 20,000 rows with the event loop free between. */
async function job(file: string) {
  const t0 = performance.now();
  const done = await settled(startVerifyJob(staffId, { sqlitePath: file }));
  return { seconds: secondsSince(t0), report: done.report, error: done.error };
}

// ---- the intact chain ------------------------------------------------------------------------------
const libRuns: ReturnType<typeof library>[] = [];
const baseRuns: ReturnType<typeof baseline>[] = [];
for (let run = 0; run < RUNS; run += 1) {
  baseRuns.push(baseline(copy));
  libRuns.push(library(copy));
  console.error(`run ${run + 1}: baseline ${baseRuns.at(-1)!.seconds} s, lib/audit/verify ${libRuns.at(-1)!.seconds} s`);
}
const cmd = await command(copy);
console.error(`npm run audit:verify: ${cmd.seconds} s, exit ${cmd.exitCode}: ${cmd.output.join(" | ")}`);
const jobRun = await job(copy);
console.error(`background job: ${jobRun.seconds} s ${JSON.stringify(jobRun.report)}`);

// ---- tampered copies ---------------------------------------------------------------------------------
// What someone with write access to the file could do: drop the append-only triggers, then change
// one event's recorded `after` (keeping its stored hash), or remove one event.
const changedSeq = Math.max(1, Math.floor(events * 0.6543));
freshCopy(copy, tampered);
{
  const db = new Database(tampered);
  db.exec("drop trigger audit_events_no_update");
  db.prepare("update audit_events set after = coalesce(after, '{}') || ' ' where seq = ?").run(changedSeq);
  db.close();
}
const tamperedCmd = await command(tampered);
const tamperedLib = library(tampered);
const tamperedBase = baseline(tampered);
console.error(`changed seq ${changedSeq}: command exit ${tamperedCmd.exitCode}: ${tamperedCmd.output.join(" | ")}`);

const removedSeq = Math.max(1, Math.floor(events * 0.3217));
freshCopy(copy, tampered);
{
  const db = new Database(tampered);
  db.exec("drop trigger audit_events_no_delete");
  db.prepare("delete from audit_events where seq = ?").run(removedSeq);
  db.close();
}
const removedLib = library(tampered);
console.error(`removed seq ${removedSeq}: ${JSON.stringify(removedLib.report)}`);
for (const file of [copy, tampered]) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });

const libSeconds = median(libRuns.map((r) => r.seconds));
const baseSeconds = median(baseRuns.map((r) => r.seconds));
const intact = libRuns.every((r) => r.report.ok && r.report.verified === events) && baseRuns.every((r) => r.firstBad === null && r.verified === events);
const changedFound =
  tamperedCmd.exitCode === 1 &&
  tamperedCmd.output.some((l) => l.includes(`broken at sequence ${changedSeq}:`)) &&
  !tamperedLib.report.ok && tamperedLib.report.firstBadSeq === changedSeq && tamperedBase.firstBad === changedSeq;
const removedFound = !removedLib.report.ok && removedLib.report.firstBadSeq === removedSeq;
const ratio = (linkdesk: number, base: number) => Number((base / linkdesk).toFixed(2)); // >1: faster than the baseline
const summary = [
  { metric: `verify a chain of ${events} audit events, lib/audit/verify (s, median of ${RUNS}; target 10 s per 1,000,000 events; baseline raw better-sqlite3 loop; ratio = baseline time ÷ linkdesk time)`, linkdesk: libSeconds, baseline: baseSeconds, ratio: ratio(libSeconds, baseSeconds), target: TARGET_SECONDS, pass: intact && libSeconds < TARGET_SECONDS },
  { metric: `npm run audit:verify, whole command with start-up (s; ratio against the baseline loop)`, linkdesk: cmd.seconds, baseline: baseSeconds, ratio: ratio(cmd.seconds, baseSeconds), target: TARGET_SECONDS, pass: cmd.exitCode === 0 && cmd.seconds < TARGET_SECONDS },
  { metric: `console background verification job (s; ratio against the baseline loop)`, linkdesk: jobRun.seconds, baseline: baseSeconds, ratio: ratio(jobRun.seconds, baseSeconds), target: TARGET_SECONDS, pass: Boolean(jobRun.report?.ok) && jobRun.seconds < TARGET_SECONDS },
  { metric: `tampered copy (after of seq ${changedSeq} changed): first bad seq reported by npm run audit:verify`, linkdesk: tamperedLib.report.ok ? null : tamperedLib.report.firstBadSeq, baseline: tamperedBase.firstBad, ratio: null, target: changedSeq, pass: changedFound },
  { metric: `tampered copy (seq ${removedSeq} removed): first bad seq reported`, linkdesk: removedLib.report.ok ? null : removedLib.report.firstBadSeq, baseline: null, ratio: null, target: removedSeq, pass: removedFound },
];

const result = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg() },
  database: { source: scaleDb ?? path.relative(process.cwd(), source), scaleDb: Boolean(scaleDb), events },
  summary,
  runs: { library: libRuns, baseline: baseRuns },
  command: cmd,
  job: jobRun,
  tampered: {
    changed: { seq: changedSeq, command: tamperedCmd, library: tamperedLib, baseline: tamperedBase },
    removed: { seq: removedSeq, library: removedLib },
  },
};
fs.writeFileSync("bench/results/audit-verify.json", `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
process.exit(0); // the job module's registry keeps nothing alive, but the db module's connection does
