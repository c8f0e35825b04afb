import { desc } from "drizzle-orm";
import type { BetterSQLiteTransaction } from "drizzle-orm/better-sqlite3";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type * as schema from "@/db/schema";
import { nowIso } from "@/lib/time/now";
import { GENESIS_HASH, canonicalJson, eventHash } from "./encoding";

export type Tx = BetterSQLiteTransaction<typeof schema, ExtractTablesWithRelations<typeof schema>>;

export type AuditInput = {
  actorId: number | null;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  at?: string;
};

/**
 * Appends one event to the chain inside the caller's transaction, so the change and its record
 * commit or fail together. Callers open the transaction with `behavior: "immediate"`: the write
 * lock is then held from the read of the chain head to the insert.
 */
export function recordAudit(tx: Tx, input: AuditInput): { seq: number; hash: string } {
  const head = tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1)
    .get();
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    at: input.at ?? nowIso(),
    actorId: input.actorId,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId == null ? null : String(input.targetId),
    before: input.before === undefined || input.before === null ? null : canonicalJson(input.before),
    after: input.after === undefined || input.after === null ? null : canonicalJson(input.after),
    requestId: input.requestId ?? null,
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = eventHash(prevHash, fields);
  tx.insert(auditEvents).values({ ...fields, prevHash, hash }).run();
  return { seq: fields.seq, hash };
}
