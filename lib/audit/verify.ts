import type Database from "better-sqlite3";
import { GENESIS_HASH, type HashedFields, eventHash } from "./encoding";

export type ChainReport =
  | { ok: true; verified: number; headSeq: number; headHash: string }
  | { ok: false; verified: number; firstBadSeq: number; reason: string; headHash: string | null };

export type ChainRow = HashedFields & { prevHash: string; hash: string };

/**
 * Walks the whole chain in sequence order. An altered row fails its own hash; a removed row leaves
 * a gap in `seq` or a broken `prev_hash` link; a row inserted out of order breaks the link after it.
 */
export function verifyAuditChain(
  sqlite: Database.Database,
  onProgress?: (verified: number) => void,
): ChainReport {
  const walker = chainWalker();
  for (const row of chainRows(sqlite)) {
    const failure = walker.step(row);
    if (failure) return failure;
    if (onProgress && walker.verified() % 100_000 === 0) onProgress(walker.verified());
  }
  return walker.finish();
}

/** Every audit row in sequence order, as the walker reads them. */
export function chainRows(sqlite: Database.Database): IterableIterator<ChainRow> {
  return sqlite
    .prepare(
      `select seq, at, actor_id as actorId, action, target_type as targetType, target_id as targetId,
              before, after, request_id as requestId, prev_hash as prevHash, hash
         from audit_events order by seq`,
    )
    .iterate() as IterableIterator<ChainRow>;
}

/**
 * The check itself, one row at a time, so that it can also run in slices (lib/audit/verify-job.ts):
 * `step` returns the failure report at the first bad row, else null; `finish` reports success.
 */
export function chainWalker() {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let verified = 0;
  return {
    step(row: ChainRow): ChainReport | null {
      const fail = (reason: string): ChainReport => ({
        ok: false,
        verified,
        firstBadSeq: Math.min(row.seq, expectedSeq),
        reason,
        headHash: verified > 0 ? prevHash : null,
      });
      if (row.seq !== expectedSeq) return fail(`expected sequence ${expectedSeq}, found ${row.seq}`);
      if (row.prevHash !== prevHash) return fail(`sequence ${row.seq} does not link to the event before it`);
      if (eventHash(prevHash, row) !== row.hash) return fail(`sequence ${row.seq} does not match its hash`);
      prevHash = row.hash;
      expectedSeq += 1;
      verified += 1;
      return null;
    },
    verified: () => verified,
    finish: (): ChainReport => ({ ok: true, verified, headSeq: verified, headHash: prevHash }),
  };
}
