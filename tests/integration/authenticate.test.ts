import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { loadActor } from "@/lib/auth/load-actor";
import { getDb } from "@/lib/db";
import { changeRole, setDisabled } from "@/lib/staff/staff";
import { testDatabase } from "./support/database";
import { TEST_PASSWORD, makeStaff, userRow } from "./support/staff";

testDatabase();
const noWait = { sleep: async () => {} };

function eventsFor(userId: number) {
  return getDb()
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.targetId, String(userId)))
    .all()
    .map((e) => e.action);
}

describe("sign-in", () => {
  let admin: Awaited<ReturnType<typeof makeStaff>>;
  beforeAll(async () => {
    admin = await makeStaff("admin");
  });

  it("accepts the right password (email case and spaces do not matter) and audits it", async () => {
    const user = await makeStaff("moderator");
    const result = await authenticate(`  ${user.email.toUpperCase()} `, TEST_PASSWORD, noWait);
    expect(result).toMatchObject({ ok: true, actor: { id: user.id, role: "moderator" } });
    expect(eventsFor(user.id)).toContain("auth.signed_in");
    expect(userRow(user.id).lastSignInAt).not.toBeNull();
  });

  it("refuses a wrong password, counts the failure and audits it", async () => {
    const user = await makeStaff("moderator");
    expect(await authenticate(user.email, "wrong password!", noWait)).toEqual({ ok: false, reason: "invalid" });
    expect(userRow(user.id).failedSignIns).toBe(1);
    expect(eventsFor(user.id)).toContain("auth.sign_in_failed");
  });

  it("slows down repeated failures, then locks the account even against the right password", async () => {
    const user = await makeStaff("senior");
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push(await authenticate(user.email, `wrong-${i}`, { sleep }));
    expect(results.slice(0, 4).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results[4]).toMatchObject({ ok: false, reason: "locked" });
    expect(waits).toEqual([500, 1000, 1500]);
    expect(userRow(user.id).lockedUntil! > new Date().toISOString()).toBe(true);
    expect(await authenticate(user.email, TEST_PASSWORD, noWait)).toMatchObject({ ok: false, reason: "locked" });
    expect(eventsFor(user.id)).toEqual(expect.arrayContaining(["auth.account_locked", "auth.sign_in_refused"]));
  });

  it("lets the account in again once the lock has passed", async () => {
    const user = await makeStaff("auditor");
    getDb().update(users).set({ lockedUntil: new Date(Date.now() - 1000).toISOString() }).where(eq(users.id, user.id)).run();
    expect(await authenticate(user.email, TEST_PASSWORD, noWait)).toMatchObject({ ok: true });
    expect(userRow(user.id)).toMatchObject({ lockedUntil: null, failedSignIns: 0 });
  });

  it("refuses a disabled account with the right password", async () => {
    const user = await makeStaff("manager");
    setDisabled(getDb(), { actorId: admin.id }, user.id, true);
    expect(await authenticate(user.email, TEST_PASSWORD, noWait)).toEqual({ ok: false, reason: "disabled" });
  });

  it("audits attempts on unknown addresses without revealing that they are unknown", async () => {
    const result = await authenticate("nobody@test.example", "whatever it is", noWait);
    expect(result).toEqual({ ok: false, reason: "invalid" });
    const last = getDb().select().from(auditEvents).where(eq(auditEvents.targetId, "nobody@test.example")).get();
    expect(last?.action).toBe("auth.sign_in_failed");
  });
});

describe("sessions follow the database", () => {
  it("a role change applies on the next request", async () => {
    const admin = await makeStaff("admin");
    const user = await makeStaff("moderator");
    expect(loadActor(user.id)?.role).toBe("moderator");
    changeRole(getDb(), { actorId: admin.id }, user.id, "senior");
    expect(loadActor(user.id)?.role).toBe("senior");
  });

  it("a disabled account has no session any more", async () => {
    const admin = await makeStaff("admin");
    const user = await makeStaff("moderator");
    setDisabled(getDb(), { actorId: admin.id }, user.id, true);
    expect(loadActor(user.id)).toBeNull();
    setDisabled(getDb(), { actorId: admin.id }, user.id, false);
    expect(loadActor(user.id)?.id).toBe(user.id);
  });
});
