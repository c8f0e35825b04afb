// The background reader: a worker thread with its own read-only better-sqlite3 connection that does
// the heavy reading and counting of the server's background jobs, so that the thread answering
// requests only runs their short write transactions (docs/performance.md "Verdict lookups": a rating
// recomputation of a big platform held the event loop for 60–90 ms, a full pass for 0.6–2.9 s).
// Jobs (./background-worker-entry.ts):
//   - "ratings.refresh": the read part of a rating refresh (./refresh.ts readRefresh): marks, decisions
//     and notices in one read transaction, the counting, the comparison with the stored rows;
//   - "ratings.range": a range's snapshot rows (./compute.ts rangeRows), for the start-up catch-up;
//   - "priorities": the scores of a chunk of open cases (lib/queue/refresh-priority.ts scoreOpenCases).
// The caller writes what comes back on the main connection, in its own immediate transaction with its
// audit event, as before; the worker never writes (its connection is opened read-only).
//
// The thread starts with the first job and exits once it has had none for IDLE_MS (an idle server
// does not keep its heap); jobs run one at a time in the order sent. Should it die (an uncaught error,
// its heap limit), the jobs in flight fail with an error the caller logs, and the next job starts a
// new one. The entry is TypeScript. In the bundled server (`npm start`: .next/linkdesk/server.mjs,
// build-server.mjs) it is bundled next to it and loaded as plain JavaScript; from the sources
// (`npm run dev`, benches under tsx, vitest) the thread loads it through tsx's API (a dependency; Node 20
// does not pass the parent's module hooks to workers, so inheriting execArgv is not enough).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Db } from "@/lib/db";
import type { DayRange } from "./compute";
import type { RefreshRequest } from "./refresh";

/** The thread exits after this long without a job. */
export const IDLE_MS = 30_000;
/**
 * The worker's V8 old-space limit (MB). A catch-up chunk reads a window's decisions at once (about
 * 100 MB of rows on 1,000,000 decisions); above the limit the thread dies (logged) rather than the
 * server swelling.
 */
export const WORKER_HEAP_MB = 512;

export type BackgroundJob =
  | { kind: "ratings.refresh"; request: RefreshRequest }
  | { kind: "ratings.range"; range: DayRange; computedAt: string }
  | { kind: "priorities"; afterId: number; limit: number; now: string }
  /** Tests: throws an uncaught error on the thread, which then dies. */
  | { kind: "crash" };

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { message: string; stack?: string } };

// Evaluated as the thread's script: loads the TypeScript entry through tsx's ESM API.
const BOOT = `
const { workerData } = require("node:worker_threads");
const { pathToFileURL } = require("node:url");
import(pathToFileURL(workerData.tsxApi).href)
  .then((tsx) => tsx.tsImport(pathToFileURL(workerData.entry).href, pathToFileURL(workerData.entry).href))
  .catch((error) => { console.error("[background] worker failed to load:", error); process.exit(1); });
`;

export class BackgroundReader {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  /** How many threads have been started (tests and benches read it). */
  starts = 0;

  constructor(
    readonly file: string,
    private readonly options: { idleMs?: number; heapMb?: number } = {},
  ) {}

  /** Whether a thread is running now. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Runs a job on the thread (starting one if none runs); rejects with the job's error, or if the thread dies meanwhile. */
  run<T>(job: BackgroundJob): Promise<T> {
    const worker = this.worker ?? this.spawn();
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, job });
    });
  }

  /** Ends the thread now; jobs in flight fail. The next job starts a new one. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.retire(worker, new Error("the background worker was stopped"));
    await worker.terminate();
  }

  private spawn(): Worker {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const bundled = path.join(here, "background-worker-entry.mjs");
    const resourceLimits = { maxOldGenerationSizeMb: this.options.heapMb ?? WORKER_HEAP_MB };
    // `npm start` runs the server bundled by build-server.mjs, with the entry bundled next to it: plain
    // JavaScript, no tsx. From the sources (dev, tests, benches under tsx) the TypeScript entry through tsx.
    const worker = fs.existsSync(bundled)
      ? new Worker(bundled, { workerData: { file: this.file }, resourceLimits })
      : new Worker(BOOT, {
          eval: true,
          workerData: {
            tsxApi: createRequire(import.meta.url).resolve("tsx/esm/api").replace(/index\.cjs$/, "index.mjs"),
            entry: path.join(here, "background-worker-entry.ts"),
            file: this.file,
          },
          resourceLimits,
        });
    worker.unref(); // never keeps the process alive
    worker.on("message", (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
      if (this.pending.size === 0 && this.worker === worker) this.armIdle(worker);
    });
    worker.on("error", (error) => {
      console.error("[background] worker failed:", error);
      this.retire(worker, error);
    });
    worker.on("exit", (code) => this.retire(worker, new Error(`the background worker exited (code ${code})`)));
    this.worker = worker;
    this.starts += 1;
    return worker;
  }

  private armIdle(worker: Worker): void {
    const idleMs = this.options.idleMs ?? IDLE_MS;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.pending.size > 0) return;
      this.retire(worker, new Error("the background worker was idle"));
      void worker.terminate();
    }, idleMs);
    this.idleTimer.unref();
  }

  /** Forgets the thread (if it is the current one) and fails the jobs sent to it. */
  private retire(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiting) w.reject(error);
  }
}

// One reader per database file for the process (the refresher, the catch-up and the priority refresh share its thread).
const readers = globalThis as unknown as { __linkdeskBackgroundReaders?: Map<string, BackgroundReader> };

export function backgroundReader(file: string): BackgroundReader {
  const all = (readers.__linkdeskBackgroundReaders ??= new Map());
  let reader = all.get(file);
  if (!reader) all.set(file, (reader = new BackgroundReader(file)));
  return reader;
}

// lib/queue/refresh-priority.ts finds the reader here without importing this module (see sharedReader there).
(globalThis as unknown as { __linkdeskBackgroundReader?: (file: string) => BackgroundReader }).__linkdeskBackgroundReader = backgroundReader;

/**
 * The reader a background job uses on `db`: the given one, the file's shared one by default, none
 * (run on the caller's thread) for `false` or an in-memory database.
 */
export function readerFor(db: Db, worker: boolean | BackgroundReader | undefined): BackgroundReader | null {
  if (worker === false) return null;
  if (worker instanceof BackgroundReader) return worker;
  return db.$client.memory ? null : backgroundReader(db.$client.name);
}
