// The verdict change feed: rows appended in the transaction that changes a verdict, read by clients
// with `since=<seq>` (keyset, never OFFSET).
import { asc, gt } from "drizzle-orm";
import { type Level, type VerdictScope, verdictChanges } from "@/db/schema";
import type { Tx } from "@/lib/audit/record";
import type { Db } from "@/lib/db";

export type VerdictChange = typeof verdictChanges.$inferSelect;

/** The feed's key format: 2 since verdicts are keyed by lookup expression (format 1 keyed canonical URLs). */
export const FEED_FORMAT = 2;

export type NewVerdictChange = {
  verdictId: number;
  /** The verdict's scope: how it holds on its key (lib/verdicts/expressions.ts). */
  keyType: VerdictScope;
  /** SHA-256 hex of the verdict's lookup expression. */
  key: string;
  /** URL scope: SHA-256 hex of each query parameter a link must carry; null otherwise. */
  params: string[] | null;
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
