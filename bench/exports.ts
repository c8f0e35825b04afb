// Exporting the decision log (issue 7): rows per second and the SERVER process's peak memory of
// GET /api/export/decisions?format=csv and ?format=ndjson, served by the built app (`npm run build`,
// then `NODE_ENV=production server.ts`, the same process `npm start` runs) over real HTTP on
// loopback, to a staff session obtained through the sign-in endpoint; against the sqlite3 CLI
// running the same query on the same file in the same run (`sqlite3 -csv` for CSV, `sqlite3 -json`
// for NDJSON). Each received body is hashed and checked against its manifest (row count, SHA-256).
// Also the same CSV export in process (lib/exports/export.ts handleExport, no HTTP), as before.
//
// Usage (build and run under the machine's benchmark lock):
//   flock /tmp/linkdesk-e2e.lock npm run build
//   flock /tmp/linkdesk-e2e.lock npx tsx bench/exports.ts [rows]        (default 1,000,000)
//   BENCH_SCALE_DB=path/to/scale.db … npx tsx bench/exports.ts          (a copy of that database instead)
// Writes bench/results/exports.json; its `summary` rows are collected by `npm run bench`.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freshCopy } from "./support/cached-db";
import { scaleDatasetFile } from "./support/scale-dataset";
import { exportsDataset } from "./support/exports-data";
import { childPids, procMemory, resetPeak, sampleRss } from "./support/proc-memory";
import { start, stop, waitUntilUp } from "./support/servers";
import { addStaff, signInOverHttp } from "./support/staff-session";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3391);
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET_ROWS_PER_S = 100_000;
const TARGET_PEAK_MB = 256;
const scaleDb = scaleDatasetFile(); // BENCH_SCALE_DB, checkpointed so that a copy holds everything

// The server computes the rating snapshots of every day it "missed" when it starts
// (lib/ratings/catch-up.ts); on a dataset without snapshots that is hundreds of days over every
// decision, which takes the server's CPU and memory for a minute and would be measured along with
// the exports. A running install has its snapshots, so the dataset gets them first: the cached one
// keeps them; a copy of the scale dataset gets whatever days it lacks.
const { catchUpRatings } = await import("@/lib/ratings/catch-up");
const { openSqlite, wrap } = await import("@/lib/db/open");
async function catchUp(file: string) {
  const sqlite = openSqlite(file);
  const t0 = performance.now();
  const result = await catchUpRatings(wrap(sqlite), { pause: async () => {} });
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  if (result) console.error(`rating snapshots of ${result.days} day(s) computed in ${((performance.now() - t0) / 1000).toFixed(1)} s before the server starts`);
  return result && { days: result.days, snapshots: result.snapshots, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)) };
}
const source = scaleDb ?? exportsDataset(ROWS);
if (!scaleDb) await catchUp(source);
const copy = path.resolve("bench/data/exports-run.db");
freshCopy(source, copy);
const ratingsCatchUp = await catchUp(copy);
const env = {
  NODE_ENV: "production",
  DATABASE_URL: `file:${copy}`,
  AUTH_SECRET: "bench-secret-bench-secret-bench-secret-bench",
  REPORTER_HASH_KEY: "bench-reporter-key-0123456789",
  PORT: String(PORT),
};
Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, AUTH_SECRET: env.AUTH_SECRET, REPORTER_HASH_KEY: env.REPORTER_HASH_KEY });

const { getDb, getSqlite } = await import("@/lib/db");
const { applyMigrations } = await import("@/lib/db/open");
const { handleExport } = await import("@/lib/exports/export");
const { decisionExportQuery } = await import("@/lib/audit/decision-log");
applyMigrations(getDb());
const decisionsInDb = (getSqlite().prepare("select count(*) as n from decisions").get() as { n: number }).n;
const staff = await addStaff(copy, "auditor");

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const rate = (rows: number, seconds: number) => Math.round(rows / seconds);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const countNewlines = (chunk: Buffer) => {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n += 1;
  return n;
};

// ---- in process (no HTTP): the previous figure, kept for comparison ------------------------------
async function inProcess() {
  const actor = { id: 1, email: "a@bench", name: "A", role: "auditor" as const, locale: "en" as const, timeZone: "UTC" };
  const t0 = performance.now();
  const response = handleExport("decisions", new Request("http://bench/api/export/decisions?format=csv"), actor);
  const reader = response.body!.getReader();
  const hash = createHash("sha256");
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
    bytes += value.byteLength;
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = Number(response.headers.get("x-export-rows"));
  return { rows, bytes, seconds: Number(seconds.toFixed(2)), rowsPerSecond: rate(rows, seconds), benchProcessMaxRssMb: mb(process.resourceUsage().maxRSS * 1024) };
}

// ---- the sqlite3 CLI on the same query and file ---------------------------------------------------
async function sqlite3Cli(mode: "-csv" | "-json") {
  const sql = decisionExportQuery({}).sql; // no parameters without filters
  const t0 = performance.now();
  const child = spawn("sqlite3", [mode, ...(mode === "-csv" ? ["-header"] : []), copy, sql], { stdio: ["ignore", "pipe", "inherit"] });
  let bytes = 0;
  let newlines = 0;
  child.stdout.on("data", (chunk: Buffer) => {
    bytes += chunk.byteLength;
    newlines += countNewlines(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`sqlite3 ${mode} exited ${code}`);
  // -csv: a header line, then one line per row (no value here holds a newline). -json: "[" + one
  // object per line + "]".
  const rows = mode === "-csv" ? newlines - 1 : newlines;
  return { rows, bytes, seconds: Number(seconds.toFixed(2)), rowsPerSecond: rate(rows, seconds) };
}

// ---- over HTTP from the built server ---------------------------------------------------------------
function download(url: string, cookie: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number; sha256: string; newlines: number; seconds: number }>(
    (resolve, reject) => {
      const t0 = performance.now();
      const request = http.get(url, { headers: { cookie }, agent: false }, (response) => {
        const hash = createHash("sha256");
        let bytes = 0;
        let newlines = 0;
        response.on("data", (chunk: Buffer) => {
          hash.update(chunk);
          bytes += chunk.byteLength;
          newlines += countNewlines(chunk);
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes, sha256: hash.digest("hex"), newlines, seconds: (performance.now() - t0) / 1000 }),
        );
        response.on("error", reject);
      });
      request.on("error", reject);
    },
  );
}

async function overHttp(serverPid: number, cookie: string, format: "csv" | "ndjson") {
  // Let the previous run's garbage settle, then measure this run's peak alone.
  await new Promise((r) => setTimeout(r, 1500));
  const before = procMemory(serverPid);
  const peakReset = resetPeak(serverPid);
  const sampler = sampleRss(serverPid, 50);
  const got = await download(`${BASE}/api/export/decisions?format=${format}`, cookie);
  const sampled = sampler.stop();
  const after = procMemory(serverPid);
  if (got.status !== 200) throw new Error(`export ${format}: HTTP ${got.status}`);
  const manifestUrl = String(got.headers["x-export-manifest"]);
  const manifest = await fetch(`${BASE}${manifestUrl}`, { headers: { cookie } });
  if (!manifest.ok) throw new Error(`manifest ${manifestUrl}: HTTP ${manifest.status}`);
  const m = (await manifest.json()) as { rows: number; bytes: number; sha256: string };
  return {
    format,
    rows: m.rows,
    headerRows: Number(got.headers["x-export-rows"]),
    bytes: got.bytes,
    seconds: Number(got.seconds.toFixed(2)),
    rowsPerSecond: rate(m.rows, got.seconds),
    serverRssBeforeMb: mb(before.rss),
    // VmHWM after resetting it just before the request (or the process's lifetime peak if the reset failed).
    serverPeakRssMb: mb(peakReset ? after.hwm : Math.max(after.hwm, sampled.peak)),
    serverPeakRssSampledMb: mb(sampled.peak),
    rssSamples: sampled.samples,
    peakIsSinceReset: peakReset,
    manifest: { rows: m.rows, bytes: m.bytes, sha256: m.sha256 },
    linesReceived: got.newlines,
    rowsMatch: m.rows === decisionsInDb && Number(got.headers["x-export-rows"]) === m.rows,
    sha256Match: m.sha256 === got.sha256 && m.bytes === got.bytes,
  };
}

const inProc = process.env.BENCH_SKIP_IN_PROCESS ? null : await inProcess();
console.error("in process:", JSON.stringify(inProc));

const cliCsv: Awaited<ReturnType<typeof sqlite3Cli>>[] = [];
const cliJson: Awaited<ReturnType<typeof sqlite3Cli>>[] = [];
const httpCsv: Awaited<ReturnType<typeof overHttp>>[] = [];
const httpNdjson: Awaited<ReturnType<typeof overHttp>>[] = [];

const log = path.join(os.tmpdir(), "linkdesk-exports-bench-server.log"); // its lines are kept in the results (server.log)
// Diagnostics: BENCH_MEMORY_PROBE_FILE=<file> logs the server's memory breakdown (bench/support/memory-probe.ts);
// BENCH_SERVER_NODE_FLAGS="…" passes flags to the server's node (what a deployment could set in NODE_OPTIONS).
const nodeFlags = [
  ...(process.env.BENCH_SERVER_NODE_FLAGS ?? "").split(" ").filter(Boolean),
  ...(process.env.BENCH_MEMORY_PROBE_FILE ? ["--import", "./bench/support/memory-probe.mjs"] : []),
];
const server = start("linkdesk", "server.ts", env, log, nodeFlags);
let serverInfo: Record<string, unknown> = {};
let serverIdleRss = 0;
try {
  await waitUntilUp(server, `${BASE}/api/v1/health`);
  const pid = server.child.pid!;
  const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  serverInfo = { pid, cmdline, childProcesses: childPids(pid), rssAfterStartMb: mb(procMemory(pid).rss) };
  console.error("server:", JSON.stringify(serverInfo));
  const cookie = await signInOverHttp(BASE, staff.email, staff.password);
  await new Promise((r) => setTimeout(r, 1500));
  serverIdleRss = procMemory(pid).rss;
  // One small warm-up request per format (route compiled/loaded, caches), not measured.
  for (const format of ["csv", "ndjson"] as const) {
    const warm = await download(`${BASE}/api/export/decisions?format=${format}&case=1`, cookie);
    if (warm.status !== 200) throw new Error(`warm-up ${format}: HTTP ${warm.status}`);
  }
  for (let run = 0; run < RUNS; run += 1) {
    cliCsv.push(await sqlite3Cli("-csv"));
    httpCsv.push(await overHttp(pid, cookie, "csv"));
    console.error(`run ${run + 1}: sqlite3 -csv ${cliCsv.at(-1)!.rowsPerSecond}/s, http csv ${JSON.stringify(httpCsv.at(-1))}`);
    cliJson.push(await sqlite3Cli("-json"));
    httpNdjson.push(await overHttp(pid, cookie, "ndjson"));
    console.error(`run ${run + 1}: sqlite3 -json ${cliJson.at(-1)!.rowsPerSecond}/s, http ndjson ${JSON.stringify(httpNdjson.at(-1))}`);
  }
  serverInfo.lifetimePeakRssMb = mb(procMemory(pid).hwm);
} finally {
  await stop(server);
  serverInfo.log = fs.readFileSync(log, "utf8").split("\n").filter(Boolean).slice(0, 30);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${copy}${suffix}`, { force: true });
}

const csvRate = median(httpCsv.map((r) => r.rowsPerSecond));
const ndjsonRate = median(httpNdjson.map((r) => r.rowsPerSecond));
const cliCsvRate = median(cliCsv.map((r) => r.rowsPerSecond));
const cliJsonRate = median(cliJson.map((r) => r.rowsPerSecond));
const csvPeak = Math.max(...httpCsv.map((r) => r.serverPeakRssMb));
const ndjsonPeak = Math.max(...httpNdjson.map((r) => r.serverPeakRssMb));
const verified = [...httpCsv, ...httpNdjson].every((r) => r.rowsMatch && r.sha256Match);
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
const rows = httpCsv[0]!.rows;

const summary = [
  { metric: `export ${rows} decisions, CSV over HTTP (rows/s, median of ${RUNS}; baseline sqlite3 -csv)`, linkdesk: csvRate, baseline: cliCsvRate, ratio: ratio(csvRate, cliCsvRate), target: TARGET_ROWS_PER_S, pass: csvRate >= TARGET_ROWS_PER_S },
  { metric: "export CSV over HTTP: server peak RSS (MB, worst run)", linkdesk: csvPeak, baseline: null, ratio: null, target: TARGET_PEAK_MB, pass: csvPeak < TARGET_PEAK_MB },
  { metric: `export ${rows} decisions, NDJSON over HTTP (rows/s, median of ${RUNS}; baseline sqlite3 -json)`, linkdesk: ndjsonRate, baseline: cliJsonRate, ratio: ratio(ndjsonRate, cliJsonRate), target: TARGET_ROWS_PER_S, pass: ndjsonRate >= TARGET_ROWS_PER_S },
  { metric: "export NDJSON over HTTP: server peak RSS (MB, worst run)", linkdesk: ndjsonPeak, baseline: null, ratio: null, target: TARGET_PEAK_MB, pass: ndjsonPeak < TARGET_PEAK_MB },
  { metric: "server RSS after start-up and sign-in, before any export (MB; what the export's peak sits on)", linkdesk: mb(serverIdleRss), baseline: null, ratio: null, target: null, pass: null },
  { metric: "export manifests: row count and SHA-256 equal to the bytes received (all runs)", linkdesk: verified ? 1 : 0, baseline: null, ratio: null, target: 1, pass: verified },
  ...(inProc
    ? [{ metric: "export CSV in process, no HTTP (rows/s; baseline sqlite3 -csv)", linkdesk: inProc.rowsPerSecond, baseline: cliCsvRate, ratio: ratio(inProc.rowsPerSecond, cliCsvRate), target: null, pass: null }]
    : []),
];

const result = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg(), sqlite3: await cliVersion() },
  serverNodeFlags: nodeFlags,
  database: { source: scaleDb ?? path.relative(process.cwd(), source), scaleDb: Boolean(scaleDb), decisions: decisionsInDb, ratingsCatchUpBeforeServer: ratingsCatchUp },
  server: serverInfo,
  summary,
  http: { csv: httpCsv, ndjson: httpNdjson },
  sqlite3: { csv: cliCsv, json: cliJson },
  inProcess: inProc,
};
fs.writeFileSync("bench/results/exports.json", `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));

async function cliVersion() {
  const child = spawn("sqlite3", ["-version"], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  await new Promise((r) => child.on("close", r));
  return out.trim().split(" ").slice(0, 2).join(" ");
}
