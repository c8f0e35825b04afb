// The audit chain for bulk loads: appends events exactly as lib/audit/record.ts recordAudit would
// (same fields, canonical JSON, eventHash from lib/audit/encoding.ts), with the head kept in memory
// and one prepared INSERT, so a generator can write millions of events that `npm run audit:verify`
// accepts. Only for a connection nobody else writes to while it runs.
import type Database from "better-sqlite3";
import { GENESIS_HASH, canonicalJson, eventHash } from "@/lib/audit/encoding";

export type ChainWriter = {
  append: (event: {
    at: string;
    actorId: number | null;
    action: string;
    targetType: string;
    targetId: string | number | null;
    before?: unknown;
    after?: unknown;
  }) => number;
  /** How many events this writer appended. */
  appended: () => number;
  /** The sequence number of the chain head. */
  head: () => number;
};

export function chainWriter(sqlite: Database.Database): ChainWriter {
  const insert = sqlite.prepare(
    `insert into audit_events (seq, at, actor_id, action, target_type, target_id, before, after, request_id, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  const head = sqlite.prepare("select seq, hash from audit_events order by seq desc limit 1").get() as { seq: number; hash: string } | undefined;
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  let appended = 0;
  return {
    append(e) {
      seq += 1;
      const fields = {
        seq,
        at: e.at,
        actorId: e.actorId,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId == null ? null : String(e.targetId),
        before: e.before == null ? null : canonicalJson(e.before),
        after: e.after == null ? null : canonicalJson(e.after),
        requestId: null,
      };
      const hash = eventHash(prevHash, fields);
      insert.run(seq, fields.at, fields.actorId, fields.action, fields.targetType, fields.targetId, fields.before, fields.after, prevHash, hash);
      prevHash = hash;
      appended += 1;
      return seq;
    },
    appended: () => appended,
    head: () => seq,
  };
}
