// Which verdict applies, as pure functions: the server's verdict lookup and a client mirroring the
// change feed must reach the same answer from the same rows.
import { type Level, type VerdictScope, levels, verdictScopes } from "@/db/schema";

export type { VerdictScope } from "@/db/schema";

/** The part of a verdict that decides whether it applies at a moment. Times are UTC ISO strings. */
export type VerdictWindow = { startsAt: string; expiresAt: string | null; liftedAt: string | null };

/** The part of a verdict that decides how strong it is; its id settles a tie (the earlier verdict wins). */
export type RankedVerdict = { level: Level; scope: VerdictScope; expiresAt: string | null; id?: number };

/**
 * Whether a verdict applies at `now`: not lifted, started, and not yet expired. Expiry needs no job:
 * a verdict whose time has passed simply stops applying.
 */
export function appliesAt(verdict: VerdictWindow, now: string): boolean {
  return (
    verdict.liftedAt === null &&
    verdict.startsAt <= now &&
    (verdict.expiresAt === null || verdict.expiresAt > now)
  );
}

const levelRank = (level: Level) => levels.indexOf(level);
// url < path < host < domain: the wider verdict outlasts a narrower one being lifted.
const scopeRank = (scope: VerdictScope) => verdictScopes.indexOf(scope);

/** Positive when `a` is stronger than `b`, negative when weaker, 0 when equally strong. */
export function compareVerdicts(a: RankedVerdict, b: RankedVerdict): number {
  const byLevel = levelRank(a.level) - levelRank(b.level);
  if (byLevel !== 0) return byLevel;
  const byScope = scopeRank(a.scope) - scopeRank(b.scope);
  if (byScope !== 0) return byScope;
  if (a.expiresAt !== b.expiresAt) {
    if (a.expiresAt === null) return 1; // until lifted outlasts any expiry
    if (b.expiresAt === null) return -1;
    return a.expiresAt > b.expiresAt ? 1 : -1;
  }
  // Equally strong: the earlier verdict, so that every reader (memory index, database, a mirror of
  // the feed) names the same one whatever order it found them in.
  if (a.id === undefined || b.id === undefined || a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

/**
 * The verdict that wins among those that apply: the higher level; at equal level the wider scope
 * (domain, host, path, url); then the later expiry ("until lifted" the latest); then the earlier
 * verdict (lower id). Null for an empty list; the first of equally strong verdicts without ids.
 */
export function strongestVerdict<T extends RankedVerdict>(list: readonly T[]): T | null {
  let strongest: T | null = null;
  for (const verdict of list) {
    if (strongest === null || compareVerdicts(verdict, strongest) > 0) strongest = verdict;
  }
  return strongest;
}
