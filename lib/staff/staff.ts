// Staff accounts: creation, role changes, disabling and unlocking. Each change and its audit event
// commit together; refusals change nothing.
import { eq } from "drizzle-orm";
import { type Locale, type Role, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { ActionError } from "@/lib/auth/action-result";
import { hashPassword } from "@/lib/auth/password";
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

function loadTarget(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], userId: number) {
  const user = tx.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new ActionError("not_found", "staff.errors.notFound");
  return user;
}

export function changeRole(db: Db, who: Who & { actorId: number }, userId: number, role: Role) {
  return db.transaction(
    (tx) => {
      const user = loadTarget(tx, userId);
      if (user.id === who.actorId) throw new ActionError("conflict", "staff.errors.notYourself");
      if (user.role === role) return { changed: false };
      tx.update(users).set({ role, updatedAt: nowIso() }).where(eq(users.id, userId)).run();
      recordAudit(tx, {
        actorId: who.actorId,
        action: "staff.role_changed",
        targetType: "user",
        targetId: userId,
        before: { role: user.role },
        after: { role },
        requestId: who.requestId,
      });
      return { changed: true };
    },
    { behavior: "immediate" },
  );
}

export function setDisabled(db: Db, who: Who & { actorId: number }, userId: number, disabled: boolean) {
  return db.transaction(
    (tx) => {
      const user = loadTarget(tx, userId);
      if (user.id === who.actorId) throw new ActionError("conflict", "staff.errors.notYourself");
      if (Boolean(user.disabledAt) === disabled) return { changed: false };
      const disabledAt = disabled ? nowIso() : null;
      tx.update(users).set({ disabledAt, updatedAt: nowIso() }).where(eq(users.id, userId)).run();
      recordAudit(tx, {
        actorId: who.actorId,
        action: disabled ? "staff.disabled" : "staff.enabled",
        targetType: "user",
        targetId: userId,
        before: { disabledAt: user.disabledAt },
        after: { disabledAt },
        requestId: who.requestId,
      });
      return { changed: true };
    },
    { behavior: "immediate" },
  );
}

export function unlockStaff(db: Db, who: Who & { actorId: number }, userId: number) {
  return db.transaction(
    (tx) => {
      const user = loadTarget(tx, userId);
      if (!user.lockedUntil && user.failedSignIns === 0) return { changed: false };
      tx.update(users).set({ lockedUntil: null, failedSignIns: 0, updatedAt: nowIso() }).where(eq(users.id, userId)).run();
      recordAudit(tx, {
        actorId: who.actorId,
        action: "staff.unlocked",
        targetType: "user",
        targetId: userId,
        before: { lockedUntil: user.lockedUntil, failedSignIns: user.failedSignIns },
        after: { lockedUntil: null, failedSignIns: 0 },
        requestId: who.requestId,
      });
      return { changed: true };
    },
    { behavior: "immediate" },
  );
}

export function setOwnLocale(db: Db, who: Who & { actorId: number }, locale: Locale) {
  return db.transaction(
    (tx) => {
      const user = loadTarget(tx, who.actorId);
      if (user.locale === locale) return { changed: false };
      tx.update(users).set({ locale, updatedAt: nowIso() }).where(eq(users.id, who.actorId)).run();
      recordAudit(tx, {
        actorId: who.actorId,
        action: "staff.locale_changed",
        targetType: "user",
        targetId: who.actorId,
        before: { locale: user.locale },
        after: { locale },
        requestId: who.requestId,
      });
      return { changed: true };
    },
    { behavior: "immediate" },
  );
}
