// Chain verification started from the console: the same walk as `npm run audit:verify`
// (lib/audit/verify.ts), run in slices of rows with the event loop free between them, on a
// read-only connection of its own (one snapshot, and the shared connection stays free). Jobs live in
// a registry on globalThis (the custom server and Next's bundle are two module copies in one
// process), keyed by a random id; the page polls a job for its progress.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { recordAudit } from "@/lib/audit/record";
import { getDb, getSqlite } from "@/lib/db";
import { type ChainReport, chainRows, chainWalker } from "./verify";

export type VerifyJob = {
  id: string;
  actorId: number;
  startedAt: string;
  finishedAt: string | null;
  /** Events in the chain when the job's snapshot was taken. */
  total: number;
  verified: number;
  report: ChainReport | null;
  error: string | null;
};

const registry = ((globalThis as unknown as { __linkdeskVerifyJobs?: Map<string, VerifyJob> }).__linkdeskVerifyJobs ??= new Map());
const KEEP_FINISHED = 20;
const SLICE_ROWS = 20_000;

export function getVerifyJob(id: string): VerifyJob | undefined {
  return registry.get(id);
}

/** The running job, if any: a second start joins it rather than walking the chain twice at once. */
export function runningVerifyJob(): VerifyJob | undefined {
  return [...registry.values()].find((j) => j.finishedAt === null);
}

export function startVerifyJob(actorId: number, options: { sliceRows?: number; sqlitePath?: string } = {}): VerifyJob {
  const running = runningVerifyJob();
  if (running) return running;
  const reader = new Database(options.sqlitePath ?? getSqlite().name, { readonly: true, fileMustExist: true });
  reader.exec("begin");
  const total = (reader.prepare("select count(*) as n from audit_events").get() as { n: number }).n;
  const job: VerifyJob = { id: randomUUID(), actorId, startedAt: new Date().toISOString(), finishedAt: null, total, verified: 0, report: null, error: null };
  registry.set(job.id, job);
  prune();

  const rows = chainRows(reader);
  const walker = chainWalker();
  const sliceRows = options.sliceRows ?? SLICE_ROWS;
  let closed = false;
  const finish = (report: ChainReport | null, error: string | null) => {
    if (!closed) {
      closed = true;
      rows.return?.();
      reader.close();
    }
    job.report = report;
    job.error = error;
    if (job.report) job.verified = job.report.verified;
    try {
      if (report) recordVerification(actorId, report);
    } catch (cause) {
      job.error = `the result could not be recorded in the audit trail: ${cause instanceof Error ? cause.message : String(cause)}`;
    }
    job.finishedAt = new Date().toISOString();
  };
  const slice = () => {
    try {
      for (let i = 0; i < sliceRows; i += 1) {
        const next = rows.next();
        if (next.done) return finish(walker.finish(), null);
        const failure = walker.step(next.value);
        if (failure) return finish(failure, null);
      }
      job.verified = walker.verified();
      setImmediate(slice);
    } catch (error) {
      finish(null, error instanceof Error ? error.message : String(error));
    }
  };
  setImmediate(slice);
  return job;
}

/** Who verified, and what they found, is itself part of the trail. */
function recordVerification(actorId: number, report: ChainReport) {
  getDb().transaction(
    (tx) =>
      recordAudit(tx, {
        actorId,
        action: "audit.chain_verified",
        targetType: "audit_chain",
        after: report.ok
          ? { ok: true, verified: report.verified, headSeq: report.headSeq, headHash: report.headHash }
          : { ok: false, verified: report.verified, firstBadSeq: report.firstBadSeq, reason: report.reason },
      }),
    { behavior: "immediate" },
  );
}

function prune() {
  const finished = [...registry.values()].filter((j) => j.finishedAt !== null);
  for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) registry.delete(j.id);
}

/** Waits for a job to finish (tests and scripts). */
export async function settled(job: VerifyJob): Promise<VerifyJob> {
  while (job.finishedAt === null) await new Promise((r) => setTimeout(r, 5));
  return job;
}
