// Memory and time of the server's start-up catch-up of rating snapshots (lib/ratings/catch-up.ts) on
// a fresh copy of bench/data/ratings-1m.db (or BENCH_SCALE_DB / argv[2]) with its snapshots deleted,
// so every day since the first decision is missing. Samples the process RSS every 20 ms while it runs.
//
//   flock /tmp/linkdesk-e2e.lock npx tsx bench/ratings-catch-up-memory.ts [file] [--worker]
//
// --worker runs it as the server does (reads and counting on the background worker thread, the writes
// on this thread); without it, everything on this thread (catchUpRatings's in-thread path).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSqlite, wrap } from "@/lib/db/open";
import { catchUpRatings } from "@/lib/ratings/catch-up";
import { DEFAULT_FILE } from "./data/ratings-db";
import { freshCopy } from "./support/cached-db";

const args = process.argv.slice(2);
const useWorker = args.includes("--worker");
const source = args.find((a) => !a.startsWith("--")) ?? process.env.BENCH_SCALE_DB ?? DEFAULT_FILE;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "linkdesk-catch-up-"));
const file = path.join(dir, "ratings.db");
freshCopy(source, file);
const sqlite = openSqlite(file);
sqlite.exec("delete from rating_snapshots");
const db = wrap(sqlite);
const mb = (n: number) => Math.round(n / 2 ** 20);
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
let longestMainMs = 0;
let last = performance.now();
const lag = setInterval(() => {
  const t = performance.now();
  longestMainMs = Math.max(longestMainMs, t - last - 5);
  last = t;
}, 5);
try {
  const result = await catchUpRatings(db, useWorker ? { worker: true } : { pause: () => new Promise((r) => setTimeout(r, 20)) });
  clearInterval(sampler);
  clearInterval(lag);
  peak = Math.max(peak, process.memoryUsage().rss);
  const snapshots = sqlite.prepare("select count(*) as n from rating_snapshots").get() as { n: number };
  console.log(
    JSON.stringify({
      source,
      mode: useWorker ? "worker" : "in-thread",
      result,
      snapshotRows: snapshots.n,
      rssBeforeMb: mb(rssBefore),
      rssPeakMb: mb(peak),
      rssAfterMb: mb(process.memoryUsage().rss),
      longestEventLoopStallMs: Math.round(longestMainMs),
    }),
  );
} finally {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (useWorker) process.exit(0);
}
