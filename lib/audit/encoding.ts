// How an audit event becomes bytes for hashing. Changing this breaks every existing chain, so the
// format is fixed and versioned by its first element.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);
const ENCODING_VERSION = "ld-audit-v1";

export type HashedFields = {
  seq: number;
  at: string;
  actorId: number | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
};

/** JSON with object keys sorted at every depth, so equal values always encode to equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** The canonical encoding: a JSON array in a fixed field order, so no field can be moved. */
export function encodeEvent(e: HashedFields): string {
  return JSON.stringify([
    ENCODING_VERSION,
    e.seq,
    e.at,
    e.actorId,
    e.action,
    e.targetType,
    e.targetId,
    e.before,
    e.after,
    e.requestId,
  ]);
}

export function eventHash(prevHash: string, e: HashedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(encodeEvent(e)).digest("hex");
}
