// The background reader's thread (./background-worker.ts): a read-only connection to the database
// file, and the read parts of the background jobs. Nothing here writes.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { wrap } from "@/lib/db/open";
import { scoreOpenCases } from "@/lib/queue/refresh-priority";
import type { BackgroundJob } from "./background-worker";
import { lowerThisThreadsPriority } from "./background-priority";
import { rangeRows } from "./compute";
import { readRefresh } from "./refresh";

lowerThisThreadsPriority();
const sqlite = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true });
sqlite.pragma("busy_timeout = 5000");
const db = wrap(sqlite);

function run(job: BackgroundJob): unknown {
  switch (job.kind) {
    case "ratings.refresh":
      return readRefresh(db, job.request);
    case "ratings.range":
      return rangeRows(db, job.range, job.computedAt);
    case "priorities":
      return scoreOpenCases(db, job.afterId, job.limit, job.now);
    case "crash":
      setImmediate(() => {
        throw new Error("crash requested");
      });
      return null;
  }
}

parentPort!.on("message", ({ id, job }: { id: number; job: BackgroundJob }) => {
  try {
    parentPort!.postMessage({ id, ok: true, result: run(job) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ id, ok: false, error: { message: e.message, stack: e.stack } });
  }
});
