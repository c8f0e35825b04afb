// Sign-in with throttling: after a few failures each attempt is slowed down, then the account is
// locked for a while. Every outcome is audited, including attempts on unknown addresses.
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { type AuditInput, recordAudit } from "@/lib/audit/record";
import { type Db, getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { isoPlus, nowIso } from "@/lib/time/now";
import { type Actor, toActor } from "./actor";
import { hashPassword, verifyPassword } from "./password";

export type AuthenticateResult =
  | { ok: true; actor: Actor }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "locked"; lockedUntil: string };

/** Failures that pass before attempts start to slow down. */
const FREE_FAILURES = 2;
const SLOWDOWN_STEP_MS = 500;

let dummyHash: Promise<string> | undefined;

/** A refused attempt changes no row but its own audit event. */
function auditRefusal(db: Db, input: AuditInput) {
  db.transaction((tx) => recordAudit(tx, input), { behavior: "immediate" });
}

export async function authenticate(
  email: string,
  password: string,
  options: { db?: Db; requestId?: string; sleep?: (ms: number) => Promise<void> } = {},
): Promise<AuthenticateResult> {
  const db = options.db ?? getDb();
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const { SIGN_IN_MAX_FAILURES, SIGN_IN_LOCK_MINUTES } = env();
  const normalized = email.trim().toLowerCase();
  const requestId = options.requestId ?? null;
  const user = db.select().from(users).where(eq(users.email, normalized)).get();

  if (!user) {
    // Spend the same time as a real check so response times do not reveal which addresses exist.
    await verifyPassword(await (dummyHash ??= hashPassword("linkdesk-timing-equaliser")), password);
    auditRefusal(db, {
      actorId: null,
      action: "auth.sign_in_failed",
      targetType: "sign_in",
      targetId: normalized.slice(0, 200),
      after: { reason: "unknown_email" },
      requestId,
    });
    return { ok: false, reason: "invalid" };
  }

  const now = nowIso();
  if (user.lockedUntil && user.lockedUntil > now) {
    auditRefusal(db, {
      actorId: user.id,
      action: "auth.sign_in_refused",
      targetType: "user",
      targetId: user.id,
      after: { reason: "locked", lockedUntil: user.lockedUntil },
      requestId,
    });
    return { ok: false, reason: "locked", lockedUntil: user.lockedUntil };
  }

  if (user.failedSignIns >= FREE_FAILURES) {
    await sleep((user.failedSignIns - FREE_FAILURES + 1) * SLOWDOWN_STEP_MS);
  }
  const passwordOk = await verifyPassword(user.passwordHash, password);

  if (passwordOk && user.disabledAt) {
    auditRefusal(db, {
      actorId: user.id,
      action: "auth.sign_in_refused",
      targetType: "user",
      targetId: user.id,
      after: { reason: "disabled" },
      requestId,
    });
    return { ok: false, reason: "disabled" };
  }

  if (!passwordOk) {
    return db.transaction(
      (tx) => {
        // Re-read inside the write lock so concurrent failures all count.
        const current = tx.select().from(users).where(eq(users.id, user.id)).get()!;
        const failures = current.failedSignIns + 1;
        const locks = failures >= SIGN_IN_MAX_FAILURES;
        const lockedUntil = locks ? isoPlus(nowIso(), SIGN_IN_LOCK_MINUTES * 60_000) : null;
        tx.update(users)
          .set({ failedSignIns: locks ? 0 : failures, lockedUntil, updatedAt: nowIso() })
          .where(eq(users.id, user.id))
          .run();
        recordAudit(tx, {
          actorId: user.id,
          action: "auth.sign_in_failed",
          targetType: "user",
          targetId: user.id,
          after: { reason: "wrong_password", failures },
          requestId,
        });
        if (locks) {
          recordAudit(tx, {
            actorId: user.id,
            action: "auth.account_locked",
            targetType: "user",
            targetId: user.id,
            after: { lockedUntil, failures },
            requestId,
          });
          return { ok: false as const, reason: "locked" as const, lockedUntil: lockedUntil! };
        }
        return { ok: false as const, reason: "invalid" as const };
      },
      { behavior: "immediate" },
    );
  }

  db.transaction(
    (tx) => {
      tx.update(users)
        .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now, updatedAt: now })
        .where(eq(users.id, user.id))
        .run();
      recordAudit(tx, { actorId: user.id, action: "auth.signed_in", targetType: "user", targetId: user.id, requestId });
    },
    { behavior: "immediate" },
  );
  return { ok: true, actor: toActor(user) };
}
