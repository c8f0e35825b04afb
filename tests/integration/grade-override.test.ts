// Grade overrides on a real SQLite file: a manager's override with a reason and an end date becomes
// the grade in force (verdict modes, queue priority read it through platformStanding), replaces an
// earlier one, can be ended, and every refusal writes nothing.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { platforms } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createPlatform } from "@/lib/platforms/registry-admin";
import { endOverride, overrideGrade } from "@/lib/ratings/override";
import { platformStanding } from "@/lib/ratings/platform-standing";
import { refusedWithoutWrites, testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
let manager: Actor;
let moderator: Actor;
let platformId: number;

beforeAll(async () => {
  manager = await makeStaff("manager");
  moderator = await makeStaff("moderator");
  platformId = createPlatform(db, { actorId: manager.id }, { slug: "override-shop", name: "Override Shop", nameZh: "调整商城", kind: "shop" }).id;
});

describe("overrideGrade", () => {
  it("puts the grade in force until its end, audited with the reason", () => {
    const { overrideId } = overrideGrade(db, manager, { platformId, grade: "B", reason: "Removed every reported listing within a day.", endsAt: inDays(30) }, { now });
    expect(platformStanding(db, platformId, now.getTime() + 1000)).toMatchObject({ grade: "B", overridden: true, computedGrade: null });
    expect(platformStanding(db, platformId, Date.parse(inDays(31)))).toMatchObject({ grade: null, overridden: false });
    const event = sqlite.prepare("select actor_id, after from audit_events where action = 'grade.overridden' order by seq desc").get() as { actor_id: number; after: string };
    expect(event.actor_id).toBe(manager.id);
    expect(JSON.parse(event.after)).toMatchObject({ overrideId, grade: "B", reason: "Removed every reported listing within a day.", endsAt: inDays(30) });
  });

  it("replaces the platform's override in force, and ends it on request", () => {
    const second = overrideGrade(db, manager, { platformId, grade: "C", reason: "New complaints while under review.", endsAt: inDays(10) }, { now: new Date(now.getTime() + 60_000) });
    expect(second.replaced).toHaveLength(1);
    expect(platformStanding(db, platformId, now.getTime() + 120_000)).toMatchObject({ grade: "C", overridden: true });
    expect(endOverride(db, manager, { platformId }, { now: new Date(now.getTime() + 180_000) }).ended).toEqual([second.overrideId]);
    expect(platformStanding(db, platformId, now.getTime() + 240_000)).toMatchObject({ grade: null, overridden: false });
  });

  it("refuses a missing reason, a past or far end, unknown or independent platforms, other roles — writing nothing", () => {
    const independent = db.select({ id: platforms.id }).from(platforms).where(eq(platforms.isIndependent, true)).get();
    const valid = { platformId, grade: "A" as const, reason: "Good conduct through the quarter.", endsAt: inDays(5) };
    const at = { now: new Date(now.getTime() + 300_000) };
    expect(refusedWithoutWrites(() => overrideGrade(db, manager, { ...valid, reason: "   short " }, at)).fieldErrors).toEqual({ reason: ["ratings.errors.reasonTooShort"] });
    expect(refusedWithoutWrites(() => overrideGrade(db, manager, { ...valid, endsAt: inDays(-1) }, at)).fieldErrors).toEqual({ endsAt: ["ratings.errors.endInPast"] });
    expect(refusedWithoutWrites(() => overrideGrade(db, manager, { ...valid, endsAt: inDays(400) }, at)).fieldErrors).toEqual({ endsAt: ["ratings.errors.endTooFar"] });
    expect(refusedWithoutWrites(() => overrideGrade(db, manager, { ...valid, endsAt: "next week" }, at)).fieldErrors).toEqual({ endsAt: ["ratings.errors.endInPast"] });
    expect(refusedWithoutWrites(() => overrideGrade(db, manager, { ...valid, platformId: 999_999 }, at)).code).toBe("not_found");
    if (independent) expect(refusedWithoutWrites(() => overrideGrade(db, manager, { ...valid, platformId: independent.id }, at)).code).toBe("invalid");
    expect(refusedWithoutWrites(() => overrideGrade(db, moderator, valid, at)).code).toBe("forbidden");
    expect(refusedWithoutWrites(() => endOverride(db, manager, { platformId }, at)).code).toBe("conflict");
  });
});
