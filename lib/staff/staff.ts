// Staff accounts: creation, role changes, disabling and unlocking. Each change and its audit event
// commit together; refusals change nothing.
import { eq } from "drizzle-orm";
import { type Locale, type Role, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { nowIso } from "@/lib/time/now";

type Who = { actorId: number | null; requestId?: string | null };

export type NewStaff = { email: string; name: string; role: Role; password: string; locale?: Locale };

export async function createStaff(db: Db, who: Who, input: NewStaff) {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(
    (tx) => {
      const existing = tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
      if (existing) throw new ActionError("conflict", "staff.errors.emailTaken", { email: ["staff.errors.emailTaken"] });
      const now = nowIso();
      const created = tx
        .insert(users)
        .values({ email, name: input.name.trim(), role: input.role, passwordHash, locale: input.locale ?? "en", createdAt: now, updatedAt: now })
        .returning({ id: users.id })
        .get();
      recordAudit(tx, {
        actorId: who.actorId,
        action: "staff.created",
        targetType: "user",
        targetId: created.id,
        after: { email, name: input.name.trim(), role: input.role },
        requestId: who.requestId,
      });
      return { id: created.id, email };
    },
    { behavior: "immediate" },
  );
}

type User = typeof users.$inferSelect;
type UserChange = { set: Partial<User>; before: Record<string, unknown>; after: Record<string, unknown> };

/**
 * One change to one staff row and its audit event, in one transaction. `change` sees the current
 * row and answers null when there is nothing to do (no write, no event).
 */
function changeUser(
  db: Db,
  who: Who & { actorId: number },
  userId: number,
  spec: { action: string; notOnYourself?: boolean; change: (user: User) => UserChange | null },
) {
  return db.transaction(
    (tx) => {
      const user = tx.select().from(users).where(eq(users.id, userId)).get();
      if (!user) throw new ActionError("not_found", "staff.errors.notFound");
      if (spec.notOnYourself && user.id === who.actorId) throw new ActionError("conflict", "staff.errors.notYourself");
      const change = spec.change(user);
      if (!change) return { changed: false };
      tx.update(users).set({ ...change.set, updatedAt: nowIso() }).where(eq(users.id, userId)).run();
      recordAudit(tx, {
        actorId: who.actorId,
        action: spec.action,
        targetType: "user",
        targetId: userId,
        before: change.before,
        after: change.after,
        requestId: who.requestId,
      });
      return { changed: true };
    },
    { behavior: "immediate" },
  );
}

export function changeRole(db: Db, who: Who & { actorId: number }, userId: number, role: Role) {
  return changeUser(db, who, userId, {
    action: "staff.role_changed",
    notOnYourself: true,
    change: (user) => (user.role === role ? null : { set: { role }, before: { role: user.role }, after: { role } }),
  });
}

export function setDisabled(db: Db, who: Who & { actorId: number }, userId: number, disabled: boolean) {
  return changeUser(db, who, userId, {
    action: disabled ? "staff.disabled" : "staff.enabled",
    notOnYourself: true,
    change: (user) => {
      if (Boolean(user.disabledAt) === disabled) return null;
      const disabledAt = disabled ? nowIso() : null;
      return { set: { disabledAt }, before: { disabledAt: user.disabledAt }, after: { disabledAt } };
    },
  });
}

export function unlockStaff(db: Db, who: Who & { actorId: number }, userId: number) {
  return changeUser(db, who, userId, {
    action: "staff.unlocked",
    change: (user) =>
      !user.lockedUntil && user.failedSignIns === 0
        ? null
        : {
            set: { lockedUntil: null, failedSignIns: 0 },
            before: { lockedUntil: user.lockedUntil, failedSignIns: user.failedSignIns },
            after: { lockedUntil: null, failedSignIns: 0 },
          },
  });
}

export function setOwnLocale(db: Db, who: Who & { actorId: number }, locale: Locale) {
  return changeUser(db, who, who.actorId, {
    action: "staff.locale_changed",
    change: (user) => (user.locale === locale ? null : { set: { locale }, before: { locale: user.locale }, after: { locale } }),
  });
}

export function setOwnTimeZone(db: Db, who: Who & { actorId: number }, timeZone: string) {
  return changeUser(db, who, who.actorId, {
    action: "staff.time_zone_changed",
    change: (user) => (user.timeZone === timeZone ? null : { set: { timeZone }, before: { timeZone: user.timeZone }, after: { timeZone } }),
  });
}

/** Needs the current password, so a session left open cannot be turned into a taken account. */
export async function changeOwnPassword(db: Db, who: Who & { actorId: number }, current: string, next: string) {
  const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, who.actorId)).get();
  if (!user) throw new ActionError("not_found", "staff.errors.notFound");
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new ActionError("invalid", "errors.invalid", { currentPassword: ["account.errors.wrongPassword"] });
  }
  const passwordHash = await hashPassword(next);
  return changeUser(db, who, who.actorId, {
    action: "staff.password_changed",
    // The audit event says that it changed, never what to.
    change: () => ({ set: { passwordHash }, before: {}, after: { passwordChanged: true } }),
  });
}
