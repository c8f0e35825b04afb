// Rectification notices on a real SQLite file: answering on time and late (by a manager or the
// platform's client), refusals that write nothing, the list's filters and keyset pages, the counts.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import { createApiClient } from "@/lib/api-clients/api-clients";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Actor } from "@/lib/auth/actor";
import { answerNoticeAction } from "@/lib/notices/actions/answer-notice";
import { MAX_ANSWER_LENGTH, answerNotice } from "@/lib/notices/answer-notice";
import {
  type NoticeCursor,
  ascendingFor,
  decodeNoticeCursor,
  encodeNoticeCursor,
  noticeCounts,
  noticeList,
  platformNotice,
  platformNoticeFeed,
} from "@/lib/notices/notice-list";
import { HOUR_MS } from "@/lib/time/now";
import { refusedWithoutWrites, testDatabase } from "./support/database";
import { platformWithDomain, violationWithNotice } from "./support/notices";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const t0 = new Date("2026-11-24T08:00:00.000Z");
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR_MS);
const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
const noticeRow = (id: number) => one<Record<string, unknown>>("select * from rectification_notices where id = ?", id);
const lastEvent = () => one<{ action: string; actor_id: number | null; target_id: string; after: string; request_id: string | null }>(
  "select * from audit_events order by seq desc limit 1",
);

let manager: Actor;
let shop: number;
let other: number;
let shopClient: { id: number };
let otherClient: { id: number };

beforeAll(async () => {
  await seedDemo(db, { now: t0 });
  manager = await makeStaff("manager");
  const admin = await makeStaff("admin");
  shop = platformWithDomain("notice-shop", "notice-shop-test.com");
  other = platformWithDomain("other-shop", "other-shop-test.com");
  shopClient = createApiClient(db, { actorId: admin.id }, { name: "Notice shop app", requestsPerMinute: 100, platformId: shop });
  otherClient = createApiClient(db, { actorId: admin.id }, { name: "Other shop app", requestsPerMinute: 100, platformId: other });
});

describe("answering a notice", () => {
  it("a manager's answer before the deadline is on time, stored with who answered, and audited", async () => {
    const { noticeId } = await violationWithNotice("notice-shop-test.com", { at: t0 });
    expect(noticeRow(noticeId)).toMatchObject({ platform_id: shop, sent_at: t0.toISOString(), deadline_at: at(24).toISOString(), answered_at: null });

    const answered = answerNotice(db, { kind: "staff", userId: manager.id }, { noticeId, answer: "  Removed the listing.  " }, { now: at(23), requestId: "answer-1" });

    expect(answered.onTime).toBe(true);
    expect(noticeRow(noticeId)).toMatchObject({
      answered_at: at(23).toISOString(),
      answer: "Removed the listing.",
      answered_by_user_id: manager.id,
      answered_by_client_id: null,
    });
    const event = lastEvent();
    expect(event).toMatchObject({ action: "notice.answered", actor_id: manager.id, target_id: String(noticeId), request_id: "answer-1" });
    expect(JSON.parse(event.after)).toMatchObject({ onTime: true, platformId: shop, deadlineAt: at(24).toISOString() });
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true });
  });

  it("an answer exactly at the deadline is on time; one after it is late", async () => {
    const { noticeId: exact } = await violationWithNotice("notice-shop-test.com", { at: t0 });
    expect(answerNotice(db, { kind: "staff", userId: manager.id }, { noticeId: exact, answer: "Fixed." }, { now: at(24) }).onTime).toBe(true);

    const { noticeId: late } = await violationWithNotice("notice-shop-test.com", { at: t0 });
    expect(answerNotice(db, { kind: "staff", userId: manager.id }, { noticeId: late, answer: "Fixed." }, { now: new Date(at(24).getTime() + 1) }).onTime).toBe(false);
  });

  it("a non-critical category gives 48 hours", async () => {
    const { noticeId } = await violationWithNotice("notice-shop-test.com", { at: t0, category: "induced_sharing", level: "L1" });
    expect(noticeRow(noticeId)).toMatchObject({ deadline_at: at(48).toISOString() });
    const answered = answerNotice(db, { kind: "client", clientId: shopClient.id, platformId: shop }, { noticeId, answer: "Took the page down." }, { now: at(47) });
    expect(answered.onTime).toBe(true);
    expect(noticeRow(noticeId)).toMatchObject({ answered_by_client_id: shopClient.id, answered_by_user_id: null });
    expect(lastEvent()).toMatchObject({ action: "notice.answered", actor_id: null });
  });

  it("refuses a second answer, another platform's client, an unknown notice and a bad answer, writing nothing", async () => {
    const { noticeId } = await violationWithNotice("notice-shop-test.com", { at: t0 });
    const staff = { kind: "staff", userId: manager.id } as const;

    expect(refusedWithoutWrites(() => answerNotice(db, { kind: "client", clientId: otherClient.id, platformId: other }, { noticeId, answer: "Not ours." }, { now: at(1) }))).toMatchObject({
      code: "not_found",
      message: "notices.errors.notFound",
    });
    expect(refusedWithoutWrites(() => answerNotice(db, { kind: "client", clientId: 1, platformId: null }, { noticeId, answer: "No platform." }, { now: at(1) }))).toMatchObject({ code: "not_found" });
    expect(refusedWithoutWrites(() => answerNotice(db, staff, { noticeId: 999_999, answer: "Fixed." }, { now: at(1) }))).toMatchObject({ code: "not_found" });
    expect(refusedWithoutWrites(() => answerNotice(db, staff, { noticeId, answer: "   " }, { now: at(1) }))).toMatchObject({
      code: "invalid",
      fieldErrors: { answer: ["validation.required"] },
    });
    expect(refusedWithoutWrites(() => answerNotice(db, staff, { noticeId, answer: "x".repeat(MAX_ANSWER_LENGTH + 1) }, { now: at(1) }))).toMatchObject({
      code: "invalid",
      fieldErrors: { answer: ["validation.tooLong"] },
    });
    expect(refusedWithoutWrites(() => answerNotice(db, staff, { noticeId, answer: "Backdated." }, { now: at(-1) }))).toMatchObject({
      message: "notices.errors.beforeSent",
    });

    // 2,000 characters counted as characters: 2,000 emoji (4,000 UTF-16 units) are accepted.
    answerNotice(db, staff, { noticeId, answer: "✅".repeat(1000) + "🧹".repeat(1000) }, { now: at(2) });
    expect(refusedWithoutWrites(() => answerNotice(db, staff, { noticeId, answer: "Again." }, { now: at(3) }))).toMatchObject({
      code: "conflict",
      message: "notices.errors.alreadyAnswered",
    });
  });

  it("the console action answers as the signed-in manager and refuses invalid input without writing", async () => {
    const { noticeId } = await violationWithNotice("notice-shop-test.com");
    const result = await answerNoticeAction.run(manager, { noticeId: String(noticeId), answer: "Seller banned." }, "req-action");
    expect(result).toEqual({ ok: true, data: { id: noticeId, onTime: true } });
    expect(noticeRow(noticeId)).toMatchObject({ answer: "Seller banned.", answered_by_user_id: manager.id });

    const again = await answerNoticeAction.run(manager, { noticeId: String(noticeId), answer: "Twice." });
    expect(again).toMatchObject({ ok: false, code: "conflict", message: "notices.errors.alreadyAnswered" });
    const empty = await answerNoticeAction.run(manager, { noticeId: "abc", answer: "" });
    expect(empty).toMatchObject({ ok: false, code: "invalid", fieldErrors: { noticeId: ["validation.number"], answer: ["validation.required"] } });
    const moderator = await makeStaff("moderator");
    expect(await answerNoticeAction.run(moderator, { noticeId: String(noticeId), answer: "Not allowed." })).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("listing notices", () => {
  // A platform of its own, so other tests' notices do not count: notices sent at t0 + 0, 1, …, 7 h.
  let listed: number;
  const ids: number[] = [];
  const now = at(31);

  beforeAll(async () => {
    listed = platformWithDomain("listed-shop", "listed-shop-test.com");
    for (let hour = 0; hour < 8; hour++) {
      // Even hours: critical (24 h); odd hours: medium (48 h). By t0 + 31 h the critical ones are overdue.
      const critical = hour % 2 === 0;
      const { noticeId } = await violationWithNotice("listed-shop-test.com", {
        at: at(hour),
        category: critical ? "fraud_scam" : "induced_sharing",
        level: critical ? "L3" : "L1",
      });
      ids.push(noticeId);
    }
    const staff = { kind: "staff", userId: manager.id } as const;
    answerNotice(db, staff, { noticeId: ids[0]!, answer: "On time." }, { now: at(10) }); // critical, due t0+24: on time
    answerNotice(db, staff, { noticeId: ids[2]!, answer: "Late." }, { now: at(29) }); // critical, due t0+26: late
    answerNotice(db, staff, { noticeId: ids[1]!, answer: "On time." }, { now: at(29) }); // medium, due t0+49: on time
  });

  const listIds = (query: Parameters<typeof noticeList>[1]) => noticeList(db, { platformId: listed, now, ...query }).rows.map((r) => r.id);

  it("counts each state for the platform", () => {
    expect(noticeCounts(db, { platformId: listed, now })).toEqual({ all: 8, open: 3, overdue: 2, answered_on_time: 2, answered_late: 1 });
    const everywhere = noticeCounts(db, { now });
    expect(everywhere.all).toBe(everywhere.open + everywhere.overdue + everywhere.answered_on_time + everywhere.answered_late);
    expect(everywhere.all).toBeGreaterThan(8);
  });

  it("filters by state, unanswered ones soonest deadline first, answered ones latest deadline first", () => {
    // Deadlines: critical notice at hour h is due h + 24; medium at hour h is due h + 48.
    expect(listIds({ filter: "overdue" })).toEqual([ids[4], ids[6]]);
    expect(listIds({ filter: "open" })).toEqual([ids[3], ids[5], ids[7]]);
    expect(listIds({ filter: "unanswered" })).toEqual([ids[4], ids[6], ids[3], ids[5], ids[7]]);
    expect(listIds({ filter: "answered_on_time" })).toEqual([ids[1], ids[0]]);
    expect(listIds({ filter: "answered_late" })).toEqual([ids[2]]);
    // At its deadline a notice is still open: an answer then would be on time.
    expect(listIds({ filter: "open", now: at(30) })).toEqual([ids[6], ids[3], ids[5], ids[7]]);
    expect(listIds({})).toHaveLength(8);

    const rows = noticeList(db, { platformId: listed, now }).rows;
    expect(rows.map((r) => r.deadlineAt)).toEqual([...rows.map((r) => r.deadlineAt)].sort().reverse());
    const late = rows.find((r) => r.id === ids[2])!;
    expect(late).toMatchObject({ state: "answered_late", answer: "Late.", answeredByUserName: manager.name, answeredByClientName: null, category: "fraud_scam", level: "L3" });
    expect(late.registrableDomain).toBe("listed-shop-test.com");
  });

  it("pages by keyset, in both directions, without gaps or repeats", () => {
    for (const filter of [undefined, "unanswered"] as const) {
      const all = listIds({ filter });
      const paged: number[] = [];
      let after: NoticeCursor | undefined;
      for (let page = 0; page < 10; page++) {
        const result = noticeList(db, { platformId: listed, filter, now, after, limit: 3 });
        paged.push(...result.rows.map((r) => r.id));
        if (!result.next) break;
        // The cursor survives the URL.
        after = decodeNoticeCursor(encodeNoticeCursor(result.next));
      }
      expect(paged, String(filter)).toEqual(all);
      expect(ascendingFor(filter)).toBe(filter === "unanswered");
    }
  });

  it("uses the platform index for a platform's notices", () => {
    const plan = sqlite
      .prepare("explain query plan select id from rectification_notices where platform_id = ? and answered_at is null order by deadline_at, id limit 51")
      .all(listed) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" | ")).toContain("notices_platform_idx");
  });

  it("the client API's feed is one platform's notices by id, filtered and paged", () => {
    const all = platformNoticeFeed(db, listed, { now }).rows.map((r) => r.id);
    expect(all).toEqual([...ids].sort((a, b) => a - b));
    expect(platformNoticeFeed(db, listed, { now, filter: "answered" }).rows.map((r) => r.id)).toEqual([ids[0], ids[1], ids[2]]);
    expect(platformNoticeFeed(db, listed, { now, filter: "overdue" }).rows.map((r) => r.id)).toEqual([ids[4], ids[6]]);
    const first = platformNoticeFeed(db, listed, { now, limit: 5 });
    expect(first.nextAfter).toBe(ids[4]);
    const second = platformNoticeFeed(db, listed, { now, limit: 5, afterId: first.nextAfter! });
    expect(second.rows.map((r) => r.id)).toEqual(ids.slice(5));
    expect(second.nextAfter).toBeNull();
    expect(platformNoticeFeed(db, other, { now }).rows.map((r) => r.id)).not.toContain(ids[0]);
    expect(platformNotice(db, other, ids[0]!)).toBeUndefined();
    expect(platformNotice(db, listed, ids[0]!)).toMatchObject({ id: ids[0], state: "answered_on_time" });
  });

  it("ignores a cursor that is not one", () => {
    expect(decodeNoticeCursor("2026-11-25T08:00:00.000Z_12")).toEqual({ deadlineAt: "2026-11-25T08:00:00.000Z", id: 12 });
    for (const bad of [undefined, "", "12", "yesterday_3", "2026-11-25T08:00:00.000Z_0", "2026-11-25T08:00:00.000Z_-1", "2026-11-25T08:00:00.000Z_1; drop"]) {
      expect(decodeNoticeCursor(bad), String(bad)).toBeUndefined();
    }
  });
});
