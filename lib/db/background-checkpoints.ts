// WAL checkpoints off the request thread (docs/performance.md "Complaint intake").
//
// In WAL mode a commit appends pages to the -wal file; a checkpoint later copies them into the
// database file. SQLite runs that copy, with its fsyncs, inside whichever commit pushes the WAL past
// `wal_autocheckpoint` pages, on the thread that committed: in the server, the one thread that also
// answers every request: at a few thousand complaints a second that is a stall of tens of
// milliseconds several times a second. Here a worker thread with its own connection checkpoints
// (PASSIVE: it never blocks readers or the writer) right behind the writer, and the server's
// connection keeps auto-checkpointing only as a backstop at a higher threshold: that checkpoint finds
// nearly everything copied already, and lets SQLite start the WAL over (which only a checkpoint that
// has caught up with the writer allows); should the worker fail or stop, it keeps the WAL bounded.
//
// Durability is unchanged: a commit is durable once its WAL frames are fsynced (synchronous=FULL),
// before and regardless of any checkpoint; the worker's connection also runs with synchronous=FULL,
// so a checkpoint fsyncs the WAL before copying and the database file before the WAL is reused.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/**
 * The worker checkpoints every millisecond while the WAL grows, so that it stays right behind the
 * writer and the few pages left to the backstop are copied in moments; once the WAL has held nothing
 * new for IDLE_MS it checks every IDLE_MS.
 */
const BUSY_MS = 1;
const IDLE_MS = 100;
/** The server connection's own auto-checkpoint, a backstop only (SQLite's default is 1,000). */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 20_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 0");
db.pragma("synchronous = FULL");
let running = true;
let last = "";
let idleTicks = 0;
const tick = () => {
  if (!running) return;
  let copied = false;
  try {
    // { busy, log: frames in the WAL, checkpointed: frames copied into the database file }
    const result = db.pragma("wal_checkpoint(PASSIVE)")[0];
    const now = result.log + "/" + result.checkpointed;
    copied = now !== last;
    last = now;
  } catch {
    // SQLITE_BUSY (another checkpoint is running): try again soon.
    copied = true;
  }
  idleTicks = copied ? 0 : idleTicks + 1;
  setTimeout(tick, idleTicks * workerData.busyMs < workerData.idleMs ? workerData.busyMs : workerData.idleMs);
};
setTimeout(tick, workerData.idleMs);
parentPort.on("message", () => {
  running = false;
  db.close();
  parentPort.postMessage("stopped");
});
`;

export type BackgroundCheckpoints = { stop: () => Promise<void> };

export function startBackgroundCheckpoints(file: string, connection: Database.Database): BackgroundCheckpoints {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, busyMs: BUSY_MS, idleMs: IDLE_MS },
  });
  worker.unref();
  // Should the worker fail, the connection's own auto-checkpoint (the backstop) keeps the WAL bounded.
  worker.on("error", (error) => console.error("[db] background checkpoints stopped:", error));
  connection.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
  let stopping: Promise<void> | null = null;
  return {
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        worker.once("message", () => void worker.terminate().then(() => resolve()));
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      })),
  };
}
