// The priority refresh's full pass (lib/queue/refresh-priority.ts) on a fresh copy of the scale
// dataset (BENCH_SCALE_DB or argv[2]): how long each chunk of 100 open cases held the event loop when
// it was scored in-thread (the old path), and with the background worker how long each chunk's write
// holds it, plus the event loop's longest delays over the run. CHUNKS (default 300) chunks each.
//
//   flock /tmp/linkdesk-e2e.lock npx tsx bench/priority-pass-worker.ts bench/data/scale.db
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openSqlite, wrap } from "@/lib/db/open";
import { refreshCasePriority } from "@/lib/queue/refresh-priority";
import { BackgroundReader } from "@/lib/ratings/background-worker";
import { freshCopy } from "./support/cached-db";

const source = process.argv[2] ?? process.env.BENCH_SCALE_DB;
if (!source) throw new Error("usage: priority-pass-worker.ts <scale.db>");
const CHUNKS = Number(process.env.CHUNKS ?? 300);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-priority-pass-"));
const file = path.join(dir, "scale.db");
freshCopy(source, file);
const sqlite = openSqlite(file);
const db = wrap(sqlite);
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! * 10) / 10;
};
const now = new Date().toISOString();

// In-thread: the old chunk (ids, then score and write each in one immediate transaction).
const inThread: number[] = [];
let lastId = 0;
for (let i = 0; i < CHUNKS; i += 1) {
  const started = performance.now();
  const ids = (sqlite.prepare("select id from cases where status in ('open', 'escalated') and id > ? order by id limit 100").pluck().all(lastId) as number[]);
  sqlite.transaction(() => {
    for (const id of ids) refreshCasePriority(db, id, now);
  }).immediate();
  inThread.push(performance.now() - started);
  lastId = ids.at(-1)!;
}

// Worker: scored there, written here (what refreshOpenPriorities does with a reader), timed per part.
const reader = new BackgroundReader(file);
const update = sqlite.prepare("update cases set priority = ?, priority_parts = ? where id = ?");
const writes: number[] = [];
const reads: number[] = [];
const histogram = monitorEventLoopDelay({ resolution: 1 });
histogram.enable();
for (let i = 0; i < CHUNKS; i += 1) {
  const chunk = await reader.run<{ lastId: number | null; scores: [number, number, string][]; ms: number }>({ kind: "priorities", afterId: lastId, limit: 100, now });
  reads.push(chunk.ms);
  const started = performance.now();
  sqlite.transaction(() => {
    for (const [id, total, parts] of chunk.scores) update.run(total, parts, id);
  }).immediate();
  writes.push(performance.now() - started);
  lastId = chunk.lastId!;
  await new Promise((resolve) => setTimeout(resolve, chunk.ms * 4));
}
histogram.disable();
await reader.stop();
console.log(
  JSON.stringify({
    chunks: CHUNKS,
    inThreadChunkMs: { p50: q(inThread, 0.5), p99: q(inThread, 0.99), max: q(inThread, 1) },
    workerReadMs: { p50: q(reads, 0.5), p99: q(reads, 0.99), max: q(reads, 1) },
    mainThreadWriteMs: { p50: q(writes, 0.5), p99: q(writes, 0.99), max: q(writes, 1) },
    eventLoopDelayMs: { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 },
  }),
);
sqlite.close();
fs.rmSync(dir, { recursive: true, force: true });
