import { desc, sql } from "drizzle-orm";
import type { BetterSQLiteTransaction } from "drizzle-orm/better-sqlite3";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type * as schema from "@/db/schema";
import type { Db } from "@/lib/db/open";
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
  const event = chainedEvent(head, input);
  tx.insert(auditEvents).values(event).run();
  return { seq: event.seq, hash: event.hash };
}

/** The row that follows `head` in the chain (the genesis row when there is none). */
function chainedEvent(head: { seq: number; hash: string } | undefined, input: AuditInput) {
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
  return { ...fields, prevHash, hash: eventHash(prevHash, fields) };
}

type AuditStatements = {
  head: ReturnType<typeof prepareHead>;
  insert: ReturnType<typeof prepareInsert>;
};
// Per SQLite connection; the statements hold no state between calls, so each module copy may have its own.
const prepared = new WeakMap<object, AuditStatements>();

const prepareHead = (db: Db) =>
  db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).prepare();
const prepareInsert = (db: Db) =>
  db
    .insert(auditEvents)
    .values({
      seq: sql.placeholder("seq"),
      at: sql.placeholder("at"),
      actorId: sql.placeholder("actorId"),
      action: sql.placeholder("action"),
      targetType: sql.placeholder("targetType"),
      targetId: sql.placeholder("targetId"),
      before: sql.placeholder("before"),
      after: sql.placeholder("after"),
      requestId: sql.placeholder("requestId"),
      prevHash: sql.placeholder("prevHash"),
      hash: sql.placeholder("hash"),
    })
    .prepare();

export type AuditAppender = {
  /** recordAudit, inside the write transaction the appender was made for. */
  append: (input: AuditInput) => { seq: number; hash: string };
  /** Forget the remembered head: after rolling back to a savepoint that may have removed events. */
  forget: () => void;
};

/**
 * recordAudit for hot paths (complaint intake), for the span of ONE write transaction opened on
 * `db`'s connection with `behavior: "immediate"`: the same events, written with statements prepared
 * once per connection, and the chain head read once and then carried from event to event. That is
 * safe because the immediate transaction holds the write lock, so no other connection, module copy
 * or process can append until it ends; every event of the transaction must go through the appender,
 * and `forget()` must follow a rollback to a savepoint. Should the head ever be stale anyway, the
 * next insert fails on the `seq` primary key instead of forking the chain.
 */
export function auditAppender(db: Db): AuditAppender {
  let statements = prepared.get(db.$client);
  if (!statements) {
    statements = { head: prepareHead(db), insert: prepareInsert(db) };
    prepared.set(db.$client, statements);
  }
  const { head: readHead, insert } = statements;
  let head: { seq: number; hash: string } | undefined | null = null; // null: not read yet
  return {
    append: (input) => {
      if (head === null) head = readHead.get();
      const event = chainedEvent(head, input);
      insert.run(event);
      head = { seq: event.seq, hash: event.hash };
      return head;
    },
    forget: () => {
      head = null;
    },
  };
}
