// The verdict change feed: rows appended in the transaction that changes a verdict, read by clients
// with `since=<seq>` (keyset, never OFFSET).
import { asc, gt } from "drizzle-orm";
import { type Level, verdictChanges } from "@/db/schema";
import type { Tx } from "@/lib/audit/record";
import type { Db } from "@/lib/db";

export type VerdictChange = typeof verdictChanges.$inferSelect;

export type NewVerdictChange = {
  verdictId: number;
  keyType: "url" | "domain";
  /** links.url_hash for a URL verdict, the registrable domain for a domain verdict. */
  key: string;
  /** The verdict's level, or "L0" when it stops holding the key. */
  level: Level;
  expiresAt: string | null;
  changedAt: string;
};

export function appendVerdictChange(tx: Tx, change: NewVerdictChange): number {
  return tx.insert(verdictChanges).values(change).returning({ seq: verdictChanges.seq }).get().seq;
}

/** Changes after `since`, oldest first, at most `limit` of them. */
export function verdictChangesSince(db: Db, since: number, limit: number): VerdictChange[] {
  return db.select().from(verdictChanges).where(gt(verdictChanges.seq, since)).orderBy(asc(verdictChanges.seq)).limit(limit).all();
}
