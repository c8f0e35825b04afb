import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { changeOwnPasswordAction } from "@/lib/staff/actions/change-own-password";
import { setOwnTimeZoneAction } from "@/lib/staff/actions/set-own-time-zone";
import { createStaffAction } from "@/lib/staff/actions/create-staff";
import { changeStaffRole } from "@/lib/staff/actions/change-staff-role";
import { setStaffDisabled } from "@/lib/staff/actions/set-staff-disabled";
import { databaseDump, tableCounts, testDatabase } from "./support/database";
import { TEST_PASSWORD, makeStaff, userRow } from "./support/staff";

testDatabase();

describe("staff administration", () => {
  it("creates a member with an argon2id hash, never the password, and audits it", async () => {
    const admin = await makeStaff("admin");
    const result = await createStaffAction.run(admin, { email: " New.Person@Example.COM ", name: " New Person ", role: "senior", password: "a good long password" });
    expect(result).toMatchObject({ ok: true, data: { email: "new.person@example.com" } });
    const row = userRow((result as { data: { id: number } }).data.id);
    expect(row).toMatchObject({ name: "New Person", role: "senior", disabledAt: null });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(databaseDump()).not.toContain("a good long password");
  });

  it("refuses a second account with the same email, whatever its case, and writes nothing", async () => {
    const admin = await makeStaff("admin");
    const existing = await makeStaff("moderator");
    const before = databaseDump();
    const result = await createStaffAction.run(admin, { email: existing.email.toUpperCase(), name: "Again", role: "moderator", password: "a good long password" });
    expect(result).toMatchObject({ ok: false, code: "conflict", fieldErrors: { email: ["staff.errors.emailTaken"] } });
    expect(databaseDump()).toBe(before);
  });

  it("names each bad field", async () => {
    const admin = await makeStaff("admin");
    const result = await createStaffAction.run(admin, { email: "nope", name: "", role: "overlord", password: "short" });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { email: ["validation.email"], name: ["validation.required"], role: ["validation.role"], password: ["validation.passwordTooShort"] },
    });
  });

  it("an admin cannot change their own role or disable themselves", async () => {
    const admin = await makeStaff("admin");
    const before = databaseDump();
    expect(await changeStaffRole.run(admin, { userId: admin.id, role: "moderator" })).toMatchObject({ ok: false, code: "conflict" });
    expect(await setStaffDisabled.run(admin, { userId: admin.id, disabled: "true" })).toMatchObject({ ok: false, code: "conflict" });
    expect(databaseDump()).toBe(before);
  });

  it("a change to what already is writes no row and no event", async () => {
    const admin = await makeStaff("admin");
    const user = await makeStaff("moderator");
    const before = tableCounts();
    expect(await changeStaffRole.run(admin, { userId: user.id, role: "moderator" })).toMatchObject({ ok: true, data: { changed: false } });
    expect(tableCounts()).toEqual(before);
  });

  it("answers a missing member with not found", async () => {
    const admin = await makeStaff("admin");
    expect(await setStaffDisabled.run(admin, { userId: 987_654, disabled: "true" })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("one's own account", () => {
  it("changes the password only with the current one, and the new one works", async () => {
    const me = await makeStaff("moderator");
    const before = databaseDump();
    const wrong = await changeOwnPasswordAction.run(me, { currentPassword: "not it", newPassword: "new long password", confirmPassword: "new long password" });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["account.errors.wrongPassword"] } });
    const differ = await changeOwnPasswordAction.run(me, { currentPassword: TEST_PASSWORD, newPassword: "new long password", confirmPassword: "other long password" });
    expect(differ).toMatchObject({ ok: false, fieldErrors: { confirmPassword: ["validation.passwordsDiffer"] } });
    expect(databaseDump()).toBe(before);

    expect(await changeOwnPasswordAction.run(me, { currentPassword: TEST_PASSWORD, newPassword: "new long password", confirmPassword: "new long password" })).toMatchObject({ ok: true });
    expect(await authenticate(me.email, "new long password", { sleep: async () => {} })).toMatchObject({ ok: true });
    expect(await authenticate(me.email, TEST_PASSWORD, { sleep: async () => {} })).toMatchObject({ ok: false });
    expect(databaseDump()).not.toContain("new long password");
  });

  it("accepts only real time zones", async () => {
    const me = await makeStaff("auditor");
    expect(await setOwnTimeZoneAction.run(me, { timeZone: "Mars/Olympus" })).toMatchObject({ ok: false, fieldErrors: { timeZone: ["validation.timeZone"] } });
    expect(await setOwnTimeZoneAction.run(me, { timeZone: "Europe/Berlin" })).toMatchObject({ ok: true });
    expect(userRow(me.id).timeZone).toBe("Europe/Berlin");
  });
});
