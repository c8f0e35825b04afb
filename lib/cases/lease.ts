// Claiming a case: whoever opens a case to decide it holds it for a short lease, renewed while their
// page stays open, so two people never review the same case blindly. Nothing expires leases: a lease
// whose time has passed is simply free (every check compares lease_expires_at with now).
//
// A claim does not bump the case version. The version guards what the decider looked at (reports,
// status, escalation); holding the case changes none of that, and bumping it would make the
// claimer's own open form stale. decideCase refuses a case leased to someone else on its own.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { cases, users } from "@/db/schema";
import { type Tx, recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { isoPlus } from "@/lib/time/now";

export const LEASE_MS = 10 * 60_000;

export type Lease = { caseId: number; assigneeId: number; leaseExpiresAt: string };

type CaseRow = typeof cases.$inferSelect;
type When = { now?: Date; requestId?: string | null };

/** Whether someone other than `actorId` holds the case at `now`. */
export function leasedToOther(row: Pick<CaseRow, "assigneeId" | "leaseExpiresAt">, actorId: number, now: string) {
  return row.assigneeId !== null && row.assigneeId !== actorId && row.leaseExpiresAt !== null && row.leaseExpiresAt > now;
}

function loadOpenCase(tx: Tx, caseId: number): CaseRow {
  const row = tx.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new ActionError("not_found", "cases.errors.notFound");
  if (row.status !== "open" && row.status !== "escalated") throw new ActionError("conflict", "cases.errors.alreadyDecided");
  return row;
}

function holderError(tx: Tx, row: CaseRow) {
  const holder = tx.select({ name: users.name }).from(users).where(eq(users.id, row.assigneeId!)).get();
  return new ActionError("conflict", "cases.errors.claimedByOther", {
    holder: [holder?.name ?? "?"],
    leaseExpiresAt: [row.leaseExpiresAt!],
  });
}

/** Only seniors decide escalated cases, so only they may hold one. */
function checkMayHold(role: Actor["role"], row: CaseRow) {
  if (row.status === "escalated" && !can(role, "cases.decideSenior")) {
    throw new ActionError("forbidden", "decisions.errors.escalatedNeedsSenior");
  }
}

function setLease(tx: Tx, actorId: number, row: CaseRow, assigneeId: number | null, action: string, at: string, requestId: string | null, extra?: Record<string, unknown>) {
  const leaseExpiresAt = assigneeId === null ? null : isoPlus(at, LEASE_MS);
  tx.update(cases).set({ assigneeId, leaseExpiresAt }).where(eq(cases.id, row.id)).run();
  recordAudit(tx, {
    actorId,
    action,
    targetType: "case",
    targetId: row.id,
    before: { assigneeId: row.assigneeId, leaseExpiresAt: row.leaseExpiresAt },
    after: { assigneeId, leaseExpiresAt, ...extra },
    requestId,
    at,
  });
  return leaseExpiresAt;
}

/** Takes (or re-takes) the case for LEASE_MS: refused while someone else's lease runs. */
export function claimCase(db: Db, actor: Actor, caseId: number, options: When = {}): Lease {
  if (!can(actor.role, "cases.decide")) throw new ActionError("forbidden", "errors.forbidden");
  const now = (options.now ?? new Date()).toISOString();
  return db.transaction(
    (tx) => {
      const row = loadOpenCase(tx, caseId);
      checkMayHold(actor.role, row);
      if (leasedToOther(row, actor.id, now)) throw holderError(tx, row);
      const leaseExpiresAt = setLease(tx, actor.id, row, actor.id, "case.claimed", now, options.requestId ?? null)!;
      return { caseId, assigneeId: actor.id, leaseExpiresAt };
    },
    { behavior: "immediate" },
  );
}

/**
 * Extends the caller's own lease. A lapsed lease that nobody took meanwhile is taken again; one
 * someone else took is refused, and the page then shows who holds the case.
 */
export function renewLease(db: Db, actor: Actor, caseId: number, options: When = {}): Lease {
  if (!can(actor.role, "cases.decide")) throw new ActionError("forbidden", "errors.forbidden");
  const now = (options.now ?? new Date()).toISOString();
  return db.transaction(
    (tx) => {
      const row = loadOpenCase(tx, caseId);
      checkMayHold(actor.role, row);
      if (leasedToOther(row, actor.id, now)) throw holderError(tx, row);
      const action = row.assigneeId === actor.id ? "case.lease_renewed" : "case.claimed";
      const leaseExpiresAt = setLease(tx, actor.id, row, actor.id, action, now, options.requestId ?? null)!;
      return { caseId, assigneeId: actor.id, leaseExpiresAt };
    },
    { behavior: "immediate" },
  );
}

/** Gives the case back before the lease runs out. Only the holder releases (seniors reassign). */
export function releaseCase(db: Db, actor: Actor, caseId: number, options: When = {}): { caseId: number } {
  if (!can(actor.role, "cases.decide")) throw new ActionError("forbidden", "errors.forbidden");
  const now = (options.now ?? new Date()).toISOString();
  return db.transaction(
    (tx) => {
      const row = loadOpenCase(tx, caseId);
      if (row.assigneeId !== actor.id || row.leaseExpiresAt === null || row.leaseExpiresAt <= now) {
        throw new ActionError("conflict", "cases.errors.notHolder");
      }
      setLease(tx, actor.id, row, null, "case.released", now, options.requestId ?? null);
      return { caseId };
    },
    { behavior: "immediate" },
  );
}

export const MIN_REASSIGN_REASON_LENGTH = 10;

/**
 * A senior moderator hands the case to another moderator (or takes it), whatever lease runs: the
 * new holder gets a fresh lease, which their open page then keeps renewing.
 */
export function reassignCase(
  db: Db,
  actor: Actor,
  input: { caseId: number; assigneeId: number; reason: string },
  options: When = {},
): Lease {
  if (!can(actor.role, "cases.decideSenior")) throw new ActionError("forbidden", "errors.forbidden");
  const reason = input.reason.trim();
  if ([...reason].length < MIN_REASSIGN_REASON_LENGTH) {
    throw new ActionError("invalid", "errors.invalid", { reason: ["cases.errors.reasonTooShort"] });
  }
  const now = (options.now ?? new Date()).toISOString();
  return db.transaction(
    (tx) => {
      const row = loadOpenCase(tx, input.caseId);
      const assignee = tx
        .select({ id: users.id, role: users.role })
        .from(users)
        .where(and(eq(users.id, input.assigneeId), isNull(users.disabledAt), inArray(users.role, ["moderator", "senior"])))
        .get();
      if (!assignee) throw new ActionError("invalid", "errors.invalid", { assigneeId: ["cases.errors.assigneeCannotDecide"] });
      if (row.status === "escalated" && !can(assignee.role, "cases.decideSenior")) {
        throw new ActionError("invalid", "errors.invalid", { assigneeId: ["decisions.errors.escalatedNeedsSenior"] });
      }
      const leaseExpiresAt = setLease(tx, actor.id, row, assignee.id, "case.reassigned", now, options.requestId ?? null, { reason })!;
      return { caseId: row.id, assigneeId: assignee.id, leaseExpiresAt };
    },
    { behavior: "immediate" },
  );
}
