// The process's memory index of verdicts in force (lib/verdicts/verdict-index.ts), built from the
// database on first use (server.ts builds it before listening) and kept current through the change
// feed: every verdict write in this process calls noteVerdictWrite() inside its transaction, and the
// next lookup (after that transaction has committed or rolled back: better-sqlite3 runs it to the
// end first) applies the feed rows after the index's last one. Writes by another process are picked
// up the same way within POLL_MS. Shared on globalThis by the API layer's and Next's module copies.
import type Database from "better-sqlite3";
import type { Level, VerdictScope } from "@/db/schema";
import type { Db } from "@/lib/db";
import { categoryCodes } from "@/lib/rules/categories";
import { VerdictIndex } from "./verdict-index";

export const POLL_MS = 1_000;
const SYNC_BATCH = 5_000;
const EXPIRED_KEPT_MS = 86_400_000;

type Live = {
  connection: Database.Database;
  index: VerdictIndex;
  /** The index holds every verdict that applied at or after this moment (epoch ms). */
  keepsFrom: number;
  appliedSeq: number;
  seenWrites: number;
  checkedAt: number;
  statements: ReturnType<typeof prepare>;
};
const shared = globalThis as unknown as { __linkdeskVerdictIndex?: Live; __linkdeskVerdictWrites?: number };

/** Called by every verdict write (inside its transaction): the next lookup reads the feed. */
export function noteVerdictWrite(): void {
  shared.__linkdeskVerdictWrites = (shared.__linkdeskVerdictWrites ?? 0) + 1;
}

type VerdictRow = [
  id: number,
  scope: VerdictScope,
  expression: string,
  requiredParams: string | null,
  level: Level,
  category: string,
  ruleVersionId: number,
  startsAt: string,
  expiresAt: string | null,
  liftedAt: string | null,
];

const COLUMNS = `v.id, v.scope, v.expression, v.required_params, v.level, v.category, d.rule_version_id, v.starts_at, v.expires_at, v.lifted_at
  from verdicts v join decisions d on d.id = v.decision_id`;

function prepare(sqlite: Database.Database) {
  return {
    inForce: sqlite.prepare(`select ${COLUMNS} where v.lifted_at is null and (v.expires_at is null or v.expires_at > ?)`).raw(),
    byId: sqlite.prepare(`select ${COLUMNS} where v.id = ?`).raw(),
    lastSeq: sqlite.prepare("select coalesce(max(seq), 0) from verdict_changes").pluck(),
    changes: sqlite.prepare("select seq, verdict_id, level from verdict_changes where seq > ? order by seq limit ?").raw(),
  };
}

const categoryNumber = new Map<string, number>(categoryCodes.map((code, i) => [code, i]));

/** The index's number for a category code. */
export function categoryNumberOf(code: string): number {
  const number = categoryNumber.get(code);
  if (number === undefined) throw new Error(`unknown category ${code}`);
  return number;
}

function entryOf(row: VerdictRow) {
  const [verdictId, scope, expression, requiredParams, level, category, ruleVersionId, startsAt, expiresAt] = row;
  const number = categoryNumberOf(category);
  return {
    verdictId,
    scope,
    expression,
    requiredParams: requiredParams === null ? null : (JSON.parse(requiredParams) as string[]),
    level,
    category: number,
    ruleVersionId,
    startsAt: Date.parse(startsAt),
    expiresAt: expiresAt === null ? Infinity : Date.parse(expiresAt),
  };
}

/** The category code of an index entry's category number. */
export function categoryCodeOf(number: number): string {
  return categoryCodes[number]!;
}

function build(sqlite: Database.Database, nowMs: number): Live {
  const statements = prepare(sqlite);
  const index = new VerdictIndex();
  // One read transaction: the feed position and the verdicts are of the same moment.
  // Verdicts that expired in the last day too, so that a lookup at a moment a little earlier (a batch
  // that started before the build) finds what applied then; expiry is checked per lookup.
  const keepsFrom = Math.min(nowMs, Date.now()) - EXPIRED_KEPT_MS;
  const appliedSeq = sqlite.transaction(() => {
    const seq = statements.lastSeq.get() as number;
    for (const row of statements.inForce.iterate(new Date(keepsFrom).toISOString())) index.add(entryOf(row as VerdictRow));
    return seq;
  }).deferred();
  return { connection: sqlite, index, keepsFrom, appliedSeq, seenWrites: shared.__linkdeskVerdictWrites ?? 0, checkedAt: nowMs, statements };
}

function applyChanges(live: Live): void {
  for (;;) {
    const rows = live.statements.changes.all(live.appliedSeq, SYNC_BATCH) as [number, number, Level][];
    for (const [seq, verdictId, level] of rows) {
      const row = live.statements.byId.get(verdictId) as VerdictRow | undefined;
      live.appliedSeq = seq;
      if (!row) continue;
      if (level === "L0") {
        live.index.remove(verdictId, row[2]);
      } else if (row[9] === null) {
        live.index.add(entryOf(row));
      }
    }
    if (rows.length < SYNC_BATCH) return;
  }
}

/**
 * The index, current with every committed verdict write of this process (and others' within POLL_MS);
 * null for a moment before what it keeps (only a caller's own clock goes there: read the database).
 */
export function verdictIndex(db: Db, nowMs = Date.now()): VerdictIndex | null {
  let live = shared.__linkdeskVerdictIndex;
  if (!live || live.connection !== db.$client || !live.connection.open) {
    live = shared.__linkdeskVerdictIndex = build(db.$client, nowMs);
    return live.index;
  }
  if (nowMs < live.keepsFrom) return null;
  const writes = shared.__linkdeskVerdictWrites ?? 0;
  if (writes !== live.seenWrites || nowMs - live.checkedAt >= POLL_MS || nowMs < live.checkedAt) {
    live.seenWrites = writes;
    live.checkedAt = nowMs;
    applyChanges(live);
  }
  return live.index;
}

/** Builds the index now (server start), so that the first lookup does not pay for it. */
export function warmVerdictIndex(db: Db): { verdicts: number; bytes: number; ms: number } {
  const started = performance.now();
  const index = verdictIndex(db)!;
  return { verdicts: index.size, bytes: index.bytes, ms: Math.round(performance.now() - started) };
}
