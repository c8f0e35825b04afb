// A moderator who should not decide a case alone escalates it with a note: the case leaves the
// moderators' queue for the seniors' escalation tab, and decideCase then takes a senior moderator.
import { eq } from "drizzle-orm";
import { cases } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { leasedToOther } from "./lease";

export const MIN_ESCALATION_NOTE_LENGTH = 10;

export type EscalationInput = { caseId: number; caseVersion: number; note: string };

export function escalateCase(
  db: Db,
  actor: Actor,
  input: EscalationInput,
  options: { now?: Date; requestId?: string | null } = {},
): { caseId: number; version: number } {
  if (!can(actor.role, "cases.decide")) throw new ActionError("forbidden", "errors.forbidden");
  const note = input.note.trim();
  if ([...note].length < MIN_ESCALATION_NOTE_LENGTH) {
    throw new ActionError("invalid", "errors.invalid", { note: ["cases.errors.noteTooShort"] });
  }
  const now = (options.now ?? new Date()).toISOString();
  return db.transaction(
    (tx) => {
      const row = tx.select().from(cases).where(eq(cases.id, input.caseId)).get();
      if (!row) throw new ActionError("not_found", "cases.errors.notFound");
      const where = { currentVersion: [String(row.version)], currentStatus: [row.status] };
      if (row.status === "escalated") throw new ActionError("conflict", "cases.errors.alreadyEscalated", where);
      if (row.status !== "open") throw new ActionError("conflict", "cases.errors.alreadyDecided", { caseVersion: ["cases.errors.alreadyDecided"], ...where });
      if (row.version !== input.caseVersion) throw new ActionError("conflict", "cases.errors.stale", { caseVersion: ["cases.errors.stale"], ...where });
      if (leasedToOther(row, actor.id, now)) throw new ActionError("conflict", "cases.errors.claimedByOther");

      // The escalating moderator lets go: the case waits for whichever senior takes it.
      const after = {
        status: "escalated" as const,
        version: row.version + 1,
        escalatedAt: now,
        escalatedBy: actor.id,
        escalationNote: note,
        assigneeId: null,
        leaseExpiresAt: null,
      };
      tx.update(cases).set(after).where(eq(cases.id, row.id)).run();
      recordAudit(tx, {
        actorId: actor.id,
        action: "case.escalated",
        targetType: "case",
        targetId: row.id,
        before: { status: row.status, version: row.version, assigneeId: row.assigneeId, leaseExpiresAt: row.leaseExpiresAt },
        after,
        requestId: options.requestId ?? null,
        at: now,
      });
      return { caseId: row.id, version: after.version };
    },
    { behavior: "immediate" },
  );
}
