// Diagnostics (issue 7, server memory): starts the built server on a copy of the exports dataset
// with a given command line, signs in, and reports where its resident memory is — /proc status
// (anonymous vs file-backed), the largest mappings of /proc/<pid>/smaps, its threads — after start and
// after each of a series of exports (before, peak and after each one). Not a benchmark with targets:
// bench/exports.ts is. Run under the benchmark lock:
//
//   flock /tmp/linkdesk-e2e.lock npx tsx bench/support/memory-breakdown.ts [label] [exports]
//     label    a name for this configuration in the output (default "default")
//     exports  comma-separated formats to export in a row, e.g. csv,ndjson,csv (default none)
//   MEMORY_SERVER_CMD="node --import tsx server.ts"   the server's command line (default; split on spaces)
//   MEMORY_SERVER_ENV="A=1 B=2"                        extra environment for the server
// Appends one JSON line per run to bench/results/memory-breakdown.jsonl.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { exportsDataset } from "./exports-data";
import { freshCopy } from "./cached-db";
import { procMemory, resetPeak, sampleRss } from "./proc-memory";
import { addStaff, signInOverHttp } from "./staff-session";

const label = process.argv[2] ?? "default";
const formats = (process.argv[3] ?? "").split(",").filter(Boolean) as ("csv" | "ndjson")[];
const PORT = Number(process.env.BENCH_PORT ?? 3393);
const BASE = `http://127.0.0.1:${PORT}`;
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

const copy = path.resolve("bench/data/memory-run.db");
if (!fs.existsSync(copy) || process.env.MEMORY_FRESH_COPY) freshCopy(exportsDataset(1_000_000), copy);
const staff = await addStaff(copy, "auditor");

function status(pid: number) {
  const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => mb(Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN) * 1024);
  return { rss: kb("VmRSS"), hwm: kb("VmHWM"), anon: kb("RssAnon"), file: kb("RssFile"), shmem: kb("RssShmem"), threads: Number(/^Threads:\s+(\d+)/m.exec(text)?.[1]) };
}

/** RSS by mapping: file path, or "[anon]" for anonymous memory (V8 heaps, malloc arenas, stacks). */
function smaps(pid: number) {
  const byName = new Map<string, number>();
  let current = "[anon]";
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      current = header[1] || "[anon]";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) byName.set(current, (byName.get(current) ?? 0) + Number(rss[1]) * 1024);
  }
  return Object.fromEntries([...byName].filter(([, v]) => v >= 1 * 2 ** 20).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, mb(v)]));
}

function threads(pid: number) {
  const names: Record<string, number> = {};
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    const comm = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
    names[comm] = (names[comm] ?? 0) + 1;
  }
  return names;
}

function download(url: string, cookie: string) {
  return new Promise<{ status: number; bytes: number; seconds: number }>((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(url, { headers: { cookie }, agent: false }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.byteLength));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes, seconds: (performance.now() - t0) / 1000 }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

const command = (process.env.MEMORY_SERVER_CMD ?? "node --import tsx server.ts").split(" ").filter(Boolean);
const extraEnv = Object.fromEntries((process.env.MEMORY_SERVER_ENV ?? "").split(" ").filter(Boolean).map((kv) => kv.split("=") as [string, string]));
const log = path.join(os.tmpdir(), `linkdesk-memory-breakdown-${label}.log`);
const out = fs.openSync(log, "w");
const child = spawn(command[0] === "node" ? process.execPath : command[0]!, command.slice(1), {
  cwd: process.cwd(),
  env: {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: `file:${copy}`,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-bench",
    REPORTER_HASH_KEY: "bench-reporter-key-0123456789",
    PORT: String(PORT),
    ...extraEnv,
  },
  stdio: ["ignore", out, out],
  detached: true,
});
const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
const pid = child.pid!;
const result: Record<string, unknown> = { label, command, extraEnv, at: new Date().toISOString(), loadAverage: os.loadavg() };
try {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited; see ${log}`);
    if (Date.now() > deadline) throw new Error("server did not come up");
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const cookie = await signInOverHttp(BASE, staff.email, staff.password);
  for (const format of ["csv", "ndjson"]) await download(`${BASE}/api/export/decisions?format=${format}&case=1`, cookie);
  await new Promise((r) => setTimeout(r, 3000));
  result.idle = { ...status(pid), threadNames: threads(pid), smaps: smaps(pid) };
  console.error(label, "idle", JSON.stringify(result.idle));
  const runs: unknown[] = [];
  for (const format of formats) {
    await new Promise((r) => setTimeout(r, 1500));
    const before = status(pid);
    resetPeak(pid);
    const sampler = sampleRss(pid, 50);
    const got = await download(`${BASE}/api/export/decisions?format=${format}`, cookie);
    sampler.stop();
    const after = procMemory(pid);
    const rows = 1_000_000;
    const run = { format, status: got.status, rowsPerSecond: Math.round(rows / got.seconds), beforeMb: before.rss, peakMb: mb(after.hwm), afterMb: mb(after.rss) };
    runs.push(run);
    console.error(label, JSON.stringify(run));
  }
  result.runs = runs;
  if (formats.length > 0) {
    await new Promise((r) => setTimeout(r, 3000));
    result.end = { ...status(pid), smaps: smaps(pid) };
  }
  if (process.env.MEMORY_HEAP_SNAPSHOT) {
    process.kill(pid, "SIGUSR2");
    await new Promise((r) => setTimeout(r, 20_000));
  }
} finally {
  if (child.exitCode === null) process.kill(-pid, "SIGTERM");
  const timer = setTimeout(() => child.exitCode === null && process.kill(-pid, "SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
  result.log = fs.readFileSync(log, "utf8").split("\n").filter(Boolean).slice(0, 20);
}
fs.appendFileSync("bench/results/memory-breakdown.jsonl", `${JSON.stringify(result)}\n`);
console.log(JSON.stringify(result, null, 1));
