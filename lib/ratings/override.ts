// A manager's grade override (DESIGN.md): a grade with a required reason and an end date, shown
// beside the computed grade and used by the verdict modes and queue priority while in force. A new
// override replaces the platform's current one; both changes and their audit events commit together.
import { and, eq, gt, isNull } from "drizzle-orm";
import { type Grade, gradeOverrides, platforms } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { DAY_MS } from "@/lib/time/now";
import { invalidatePlatformStanding } from "./platform-standing";

export const MIN_OVERRIDE_REASON = 10;
export const MAX_OVERRIDE_REASON = 1000;
export const MAX_OVERRIDE_DAYS = 365;

export type OverrideInput = { platformId: number; grade: Grade; reason: string; endsAt: string };

function check(input: OverrideInput, now: number) {
  const reason = input.reason.trim();
  const length = [...reason].length;
  if (length < MIN_OVERRIDE_REASON) throw new ActionError("invalid", "errors.invalid", { reason: ["ratings.errors.reasonTooShort"] });
  if (length > MAX_OVERRIDE_REASON) throw new ActionError("invalid", "errors.invalid", { reason: ["validation.tooLong"] });
  const ends = Date.parse(input.endsAt);
  if (!Number.isFinite(ends) || ends <= now) throw new ActionError("invalid", "errors.invalid", { endsAt: ["ratings.errors.endInPast"] });
  if (ends > now + MAX_OVERRIDE_DAYS * DAY_MS) throw new ActionError("invalid", "errors.invalid", { endsAt: ["ratings.errors.endTooFar"] });
  return { reason, endsAt: new Date(ends).toISOString() };
}

export function overrideGrade(db: Db, actor: Actor, input: OverrideInput, options: { now?: Date; requestId?: string | null } = {}) {
  if (!can(actor.role, "ratings.override")) throw new ActionError("forbidden", "errors.forbidden");
  const now = options.now ?? new Date();
  const { reason, endsAt } = check(input, now.getTime());
  const at = now.toISOString();
  const result = db.transaction(
    (tx) => {
      const platform = tx.select().from(platforms).where(eq(platforms.id, input.platformId)).get();
      if (!platform) throw new ActionError("not_found", "ratings.errors.unknownPlatform");
      if (platform.isIndependent) throw new ActionError("invalid", "errors.invalid", { platformId: ["ratings.errors.notRated"] });
      const current = tx
        .select()
        .from(gradeOverrides)
        .where(and(eq(gradeOverrides.platformId, platform.id), isNull(gradeOverrides.revokedAt), gt(gradeOverrides.endsAt, at)))
        .all();
      for (const old of current) {
        tx.update(gradeOverrides).set({ revokedAt: at }).where(eq(gradeOverrides.id, old.id)).run();
      }
      const row = { platformId: platform.id, grade: input.grade, reason, startsAt: at, endsAt, createdBy: actor.id, createdAt: at };
      const id = tx.insert(gradeOverrides).values(row).returning({ id: gradeOverrides.id }).get().id;
      recordAudit(tx, {
        actorId: actor.id,
        action: "grade.overridden",
        targetType: "platform",
        targetId: platform.id,
        before: current.length > 0 ? { overrides: current.map((o) => ({ id: o.id, grade: o.grade, endsAt: o.endsAt })) } : null,
        after: { overrideId: id, grade: input.grade, reason, startsAt: at, endsAt, replaced: current.map((o) => o.id) },
        requestId: options.requestId ?? null,
        at,
      });
      return { overrideId: id, replaced: current.map((o) => o.id) };
    },
    { behavior: "immediate" },
  );
  invalidatePlatformStanding();
  return result;
}

/** Ends a platform's override in force now; the computed grade applies again. */
export function endOverride(db: Db, actor: Actor, input: { platformId: number }, options: { now?: Date; requestId?: string | null } = {}) {
  if (!can(actor.role, "ratings.override")) throw new ActionError("forbidden", "errors.forbidden");
  const at = (options.now ?? new Date()).toISOString();
  const result = db.transaction(
    (tx) => {
      const current = tx
        .select()
        .from(gradeOverrides)
        .where(and(eq(gradeOverrides.platformId, input.platformId), isNull(gradeOverrides.revokedAt), gt(gradeOverrides.endsAt, at)))
        .all();
      if (current.length === 0) throw new ActionError("conflict", "ratings.errors.noOverride");
      for (const old of current) {
        tx.update(gradeOverrides).set({ revokedAt: at }).where(eq(gradeOverrides.id, old.id)).run();
        recordAudit(tx, {
          actorId: actor.id,
          action: "grade.override_ended",
          targetType: "platform",
          targetId: input.platformId,
          before: { overrideId: old.id, grade: old.grade, endsAt: old.endsAt, revokedAt: null },
          after: { overrideId: old.id, revokedAt: at },
          requestId: options.requestId ?? null,
          at,
        });
      }
      return { ended: current.map((o) => o.id) };
    },
    { behavior: "immediate" },
  );
  invalidatePlatformStanding();
  return result;
}
