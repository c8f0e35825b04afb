// Group commit for the client API's complaint intake (docs/performance.md "Complaint intake").
//
// With synchronous=FULL every commit waits for the disk, and that wait, not the work, bounds how many
// complaints one process can take one transaction at a time. So complaints that arrive within one
// turn of the event loop are filed together by `fileReports`: one write transaction, a savepoint per
// complaint, one commit. Each caller's promise settles only after that commit has returned, so an
// acknowledged complaint is exactly as durable as before; a complaint that fails rolls back only
// itself, and if the commit fails every complaint of the batch fails and none was written.
//
// The queue is per connection and per module copy. Each batch is written synchronously, start to
// commit, so batches of the two module copies (custom server, Next's bundle) never interleave.
import type { Db } from "@/lib/db";
import { type BatchedReport, type FiledReport, type NewReport, fileReports } from "./file-report";

type Waiting = BatchedReport & { resolve: (filed: FiledReport) => void; reject: (error: unknown) => void };

const queues = new Map<Db, Waiting[]>();
/** A batch is written in one go, blocking the event loop meanwhile: beyond this many, start another. */
const MAX_BATCH = 256;

/** Files one complaint in the next batch; resolves once the batch is committed. */
export function fileReportInBatch(db: Db, input: NewReport, options: BatchedReport["options"] = {}): Promise<FiledReport> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue || queue.length >= MAX_BATCH) {
      const batch: Waiting[] = [];
      queues.set(db, batch);
      // After the I/O callbacks of this turn: every request whose body has arrived is in the batch.
      setImmediate(() => flush(db, batch));
      queue = batch;
    }
    queue.push({ input, options, resolve, reject });
  });
}

function flush(db: Db, batch: Waiting[]) {
  if (queues.get(db) === batch) queues.delete(db);
  let outcomes: ReturnType<typeof fileReports>;
  try {
    outcomes = fileReports(db, batch);
  } catch (error) {
    for (const waiting of batch) waiting.reject(error);
    return;
  }
  batch.forEach((waiting, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) waiting.resolve(outcome.filed);
    else waiting.reject(outcome.error);
  });
}
