// The audit trail search: filters by actor, action, target and UTC date range; newest first for the
// page (keyset by seq), oldest first for the export. "case:<id>" is a case's whole history: the
// case's own events and those of its reports, decisions, verdicts and notices.
import type Database from "better-sqlite3";
import type { CellKind } from "@/lib/exports/csv";
import { type EventFilters, dayAfterIso, dayStartIso } from "./filters";

export const eventColumns = [
  ["seq", "e.seq", "number"],
  ["at", "e.at", "text"],
  ["actor_id", "e.actor_id", "number"],
  ["actor_email", "u.email", "text"],
  ["action", "e.action", "text"],
  ["target_type", "e.target_type", "text"],
  ["target_id", "e.target_id", "text"],
  ["before", "e.before", "text"],
  ["after", "e.after", "text"],
  ["request_id", "e.request_id", "text"],
  ["prev_hash", "e.prev_hash", "text"],
  ["hash", "e.hash", "text"],
] as const satisfies readonly (readonly [string, string, CellKind])[];

const FROM = "from audit_events e left join users u on u.id = e.actor_id";

export function eventWhere(f: EventFilters): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    parts.push(clause);
    params.push(...values);
  };
  if (f.from) add("e.at >= ?", dayStartIso(f.from));
  if (f.to) add("e.at < ?", dayAfterIso(f.to));
  if (f.actor === "system") add("e.actor_id is null");
  else if (f.actor !== undefined) add("e.actor_id = ?", f.actor);
  if (f.action?.endsWith(".")) add("substr(e.action, 1, ?) = ?", f.action.length, f.action);
  else if (f.action) add("e.action = ?", f.action);
  if (f.targetType === "case" && f.targetId !== undefined) {
    const id = f.targetId;
    add(
      `((e.target_type = 'case' and e.target_id = ?)
        or (e.target_type = 'report' and e.target_id in (select cast(id as text) from reports where case_id = ?))
        or (e.target_type = 'decision' and e.target_id in (select cast(id as text) from decisions where case_id = ?))
        or (e.target_type = 'verdict' and e.target_id in (select cast(v.id as text) from verdicts v join decisions d on d.id = v.decision_id where d.case_id = ?))
        or (e.target_type = 'notice' and e.target_id in (select cast(id as text) from rectification_notices where case_id = ?)))`,
      id, id, id, id, id,
    );
  } else {
    if (f.targetType) add("e.target_type = ?", f.targetType);
    if (f.targetId !== undefined) add("e.target_id = ?", f.targetId);
  }
  return { sql: parts.length ? `where ${parts.join(" and ")}` : "", params };
}

export function eventExportQuery(f: EventFilters): { sql: string; countSql: string; params: unknown[] } {
  const where = eventWhere(f);
  const select = eventColumns.map(([name, expr]) => `${expr} as ${name}`).join(", ");
  return { sql: `select ${select} ${FROM} ${where.sql} order by e.seq`, countSql: `select count(*) as n ${FROM} ${where.sql}`, params: where.params };
}

export type EventRow = {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
  hash: string;
};

export const EVENTS_PAGE_SIZE = 50;

/** One page, newest first, of events with seq below `before`. */
export function eventPage(sqlite: Database.Database, f: EventFilters, before: number | null, limit = EVENTS_PAGE_SIZE) {
  const where = eventWhere(f);
  const keyset = before ? `${where.sql ? `${where.sql} and` : "where"} e.seq < ?` : where.sql;
  const params = before ? [...where.params, before] : where.params;
  const rows = sqlite
    .prepare(
      `select e.seq, e.at, e.actor_id as actorId, u.name as actorName, e.action, e.target_type as targetType,
              e.target_id as targetId, e.before, e.after, e.request_id as requestId, e.hash
         ${FROM} ${keyset} order by e.seq desc limit ?`,
    )
    .all(...params, limit + 1) as EventRow[];
  const page = rows.slice(0, limit);
  return { rows: page, nextBefore: rows.length > limit ? page[page.length - 1]!.seq : null };
}

export type DiffLine = { key: string; before: string | undefined; after: string | undefined; changed: boolean };

/**
 * Before and after, key by key (top-level keys of the stored JSON objects), for a readable diff: a
 * key whose value differs is marked changed. Values that are not objects are shown under "value".
 */
export function eventDiff(before: string | null, after: string | null): DiffLine[] {
  const parse = (text: string | null): Record<string, unknown> | null => {
    if (text === null) return null;
    try {
      const value = JSON.parse(text) as unknown;
      return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
    } catch {
      return { value: text };
    }
  };
  const a = parse(before);
  const b = parse(after);
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
  const show = (o: Record<string, unknown> | null, k: string) => (o && k in o ? JSON.stringify(o[k]) : undefined);
  return keys.map((key) => {
    const x = show(a, key);
    const y = show(b, key);
    return { key, before: x, after: y, changed: x !== y };
  });
}

/** Action names seen in the log, for the filter menu. */
export function knownActions(sqlite: Database.Database): string[] {
  // Walks the action index: one step per distinct action, not per event.
  const out: string[] = [];
  const next = sqlite.prepare("select action from audit_events where action > ? order by action limit 1").pluck();
  let last = "";
  for (let i = 0; i < 500; i += 1) {
    const a = next.get(last) as string | undefined;
    if (a === undefined) break;
    out.push(a);
    last = a;
  }
  return out;
}
