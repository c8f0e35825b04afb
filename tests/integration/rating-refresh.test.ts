// Keeping the ratings current on a real SQLite file with the demo data: a decision, an answered
// notice and an undo mark their platform stale in their own transaction; the refresher's next tick
// recomputes today's snapshot and clears the marks; the catch-up on start fills the days the server
// missed, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { undoDecision } from "@/lib/decisions/undo";
import { answerNotice } from "@/lib/notices/answer-notice";
import { addPlatformDomain, createPlatform } from "@/lib/platforms/registry-admin";
import { catchUpRatings, missingDays } from "@/lib/ratings/catch-up";
import { OTHERS_ON_DOMAINS_SQL, OWN_DECISIONS_SQL, computeSnapshots } from "@/lib/ratings/compute";
import { platformStanding } from "@/lib/ratings/platform-standing";
import { type RatingRefresh, refreshRatings, startRatingRefresh } from "@/lib/ratings/refresh";
import { fileReport } from "@/lib/reports/file-report";
import { reporterHash } from "@/lib/reports/reporter-hash";
import { testDatabase } from "./support/database";
import { at, now, ratingReads, today } from "./support/rating-day";

const { db, sqlite } = testDatabase();
const { one, count, marks } = ratingReads(sqlite);

type Snapshot = { score: number; grade: string; decided: number; confirmed: number; notices_due: number; notices_on_time: number; computed_at: string };
const snapshot = (platformId: number, day = today) =>
  one<Snapshot>("select * from rating_snapshots where platform_id = ? and day = ? and formula_version = 1", platformId, day);
const actor = (email: string) =>
  one<Actor>("select id, email, name, role, locale, time_zone as timeZone from users where email = ?", email);

let clockMs = at(1).getTime();
let refresher: RatingRefresh;

beforeAll(async () => {
  await seedDemo(db, { now });
  // Ticks are driven by the test (refresher.tick()); no full pass but at the day change.
  refresher = startRatingRefresh(db, { tickMs: 3_600_000, fullEveryMs: 30 * 86_400_000, clock: () => clockMs, worker: false });
});
afterAll(() => refresher?.stop());

/** An open case on a rated platform's link, reported before `before`. */
function openPlatformCase(slug: string) {
  return one<{ id: number; version: number; platformId: number }>(
    `select c.id, c.version, p.id as platformId from cases c join links l on l.id = c.link_id join platforms p on p.id = l.platform_id
      where p.slug = ? and c.status = 'open' and c.last_report_at < ? order by c.id limit 1`,
    slug,
    now.toISOString(),
  );
}

describe("the rating refresher", () => {
  it("starts from a seed that left today's snapshots computed and no marks", () => {
    expect(marks()).toEqual([]);
    expect(count("select count(*) as n from rating_snapshots where day = ?", today)).toBeGreaterThanOrEqual(20);
  });

  it("recomputes today's snapshot after a decision, on the next tick, and clears the mark", () => {
    const open = openPlatformCase("douyin");
    const before = snapshot(open.platformId);
    const moderator = actor("moderator@linkdesk.test");
    decideCase(
      db,
      moderator,
      { caseId: open.id, caseVersion: open.version, outcome: "violation", category: "fraud_scam", level: "L3", durationHours: null, rationale: "Fake prize page asking for card details." },
      { now: at(1) },
    );
    expect(marks()).toEqual([{ platformId: open.platformId, generation: 1 }]);
    expect(snapshot(open.platformId)).toEqual(before); // nothing until the refresher runs

    clockMs = at(2).getTime();
    refresher.tick();
    const after = snapshot(open.platformId);
    expect(after.decided).toBe(before.decided + 1);
    expect(after.confirmed).toBe(before.confirmed + 1);
    expect(after.score).toBeLessThan(before.score);
    expect(after.computed_at).toBe(at(2).toISOString());
    expect(marks()).toEqual([]);
    const event = one<{ after: string }>("select after from audit_events where action = 'ratings.refreshed' order by seq desc limit 1");
    expect(JSON.parse(event.after)).toMatchObject({ day: today, scope: "marked", platforms: [{ platformId: open.platformId, score: after.score, grade: after.grade }] });
  });

  it("spaces a platform's recomputations by fifty times their cost, keeping its mark meanwhile", () => {
    const open = openPlatformCase("douyin");
    const moderator = actor("moderator@linkdesk.test");
    decideCase(
      db,
      moderator,
      { caseId: open.id, caseVersion: open.version, outcome: "no_violation", category: "rumour", level: "L0", durationHours: null },
      { now: at(2) },
    );
    clockMs += 1; // douyin was recomputed a moment ago (the test before): not yet its turn
    refresher.tick();
    expect(marks().map((m) => m.platformId)).toEqual([open.platformId]);
    clockMs = at(2.5).getTime();
    refresher.tick();
    expect(marks()).toEqual([]);
  });

  it("counts an answered notice after a tick", () => {
    const notice = one<{ id: number; platform_id: number; deadline_at: string }>(
      `select id, platform_id, deadline_at from rectification_notices
        where answered_at is null and withdrawn_at is null and deadline_at > ? and sent_at < ? order by id limit 1`,
      at(3).toISOString(),
      at(3).toISOString(),
    );
    const before = snapshot(notice.platform_id);
    answerNotice(db, { kind: "staff", userId: actor("manager@linkdesk.test").id }, { noticeId: notice.id, answer: "Removed the page." }, { now: at(3) });
    expect(marks().map((m) => m.platformId)).toEqual([notice.platform_id]);
    clockMs = at(4).getTime();
    refresher.tick();
    const after = snapshot(notice.platform_id);
    expect(after.notices_due).toBe(before.notices_due + 1);
    expect(after.notices_on_time).toBe(before.notices_on_time + 1);
    expect(marks()).toEqual([]);
  });

  it("counts a notice that became overdue, with no event, on the tick after its deadline", () => {
    const notice = one<{ id: number; platform_id: number; deadline_at: string }>(
      `select id, platform_id, deadline_at from rectification_notices
        where answered_at is null and withdrawn_at is null and deadline_at > ? and deadline_at < ? order by deadline_at limit 1`,
      new Date(clockMs).toISOString(),
      "2026-11-25T00:00:00.000Z",
    );
    const before = snapshot(notice.platform_id);
    clockMs = Date.parse(notice.deadline_at) + 60_000;
    refresher.tick();
    expect(marks()).toEqual([]);
    expect(snapshot(notice.platform_id).notices_due).toBe(before.notices_due + 1);
    expect(snapshot(notice.platform_id).notices_on_time).toBe(before.notices_on_time);
  });

  it("takes an undone decision back out, and keeps a mark that came after the read", () => {
    const open = openPlatformCase("taobao");
    const moderator = actor("moderator@linkdesk.test");
    const decided = decideCase(
      db,
      moderator,
      { caseId: open.id, caseVersion: open.version, outcome: "no_violation", category: "rumour", level: "L0", durationHours: null },
      { now: at(5) },
    );
    refreshRatings(db, "marked", { now: at(6) });
    const withDecision = snapshot(open.platformId);
    undoDecision(db, moderator, { decisionId: decided.decisionId }, { now: at(7) });
    expect(marks()).toEqual([{ platformId: open.platformId, generation: 1 }]);
    // A second change before the refresher clears the first mark: the generation grows.
    sqlite.prepare("update rating_stale_platforms set generation = generation + 1").run();
    refreshRatings(db, "marked", { now: at(8) });
    expect(snapshot(open.platformId).decided).toBe(withDecision.decided - 1);
    expect(marks()).toEqual([]);
  });

  it("writes nothing when a full pass finds nothing changed", () => {
    refreshRatings(db, "all", { now: new Date(clockMs) }); // brings every platform to the clock's moment
    const events = count("select count(*) as n from audit_events");
    const result = refreshRatings(db, "all", { now: new Date(clockMs + 1_000) });
    expect(result.changed).toBe(0);
    expect(result.platforms).toBeGreaterThanOrEqual(20);
    expect(count("select count(*) as n from audit_events")).toBe(events);
  });

  it("lets the grade in force follow a changed grade", () => {
    const platformId = one<{ id: number }>("select id from platforms where slug = 'douyin'").id;
    const standing = platformStanding(db, platformId, at(10).getTime());
    expect(standing?.ratedOn).toBe(today);
    expect(standing?.computedGrade).toBe(snapshot(platformId).grade);
  });

  it("counts another platform's earlier violation on the same registrable domain as a repeat, as the full computation does", () => {
    const system = { actorId: null };
    const [x, y] = ["share-x", "share-y"].map((slug, i) => {
      const { id } = createPlatform(db, system, { slug, name: `Shared ${slug}`, nameZh: `共享 ${slug}`, kind: "shop" });
      addPlatformDomain(db, system, { platformId: id, domain: `${"ab"[i]}.shared-links.test`, kind: "short_link" });
      return id;
    });
    const moderator = actor("moderator@linkdesk.test");
    const violation = (host: string, when: Date) => {
      const caseId = fileReport(
        db,
        { url: `https://${host}/${when.getTime()}`, category: "fraud_scam", scene: "group", reporterHash: reporterHash(`shared-${when.getTime()}`), source: "api" },
        { now: new Date(when.getTime() - 3_600_000) },
      ).report.caseId;
      decideCase(db, moderator, { caseId, caseVersion: 1, outcome: "violation", category: "fraud_scam", level: "L3", durationHours: null, rationale: "Fake prize page asking for card details." }, { now: when });
    };
    violation("b.shared-links.test", new Date(now.getTime() - 10 * 86_400_000));
    violation("a.shared-links.test", new Date(now.getTime() - 5 * 86_400_000));
    sqlite.prepare("delete from rating_stale_platforms where platform_id = ?").run(y); // only x is refreshed
    refreshRatings(db, "marked", { now: at(20) });
    const marked = one<{ confirmed: number; repeat_cases: number }>("select confirmed, repeat_cases from rating_snapshots where platform_id = ? and day = ?", x, today);
    expect(marked).toEqual({ confirmed: 1, repeat_cases: 1 });
    computeSnapshots(db, { from: today, to: today }, { now: at(21) });
    expect(one("select confirmed, repeat_cases from rating_snapshots where platform_id = ? and day = ?", x, today)).toEqual(marked);
    expect(one("select confirmed, repeat_cases from rating_snapshots where platform_id = ? and day = ?", y, today)).toEqual({ confirmed: 1, repeat_cases: 0 });
  });

  it("closes yesterday a minute into the new UTC day, and starts the new day's snapshots", () => {
    const tomorrow = "2026-11-25";
    clockMs = Date.parse(`${tomorrow}T00:00:05.000Z`);
    refresher.tick();
    expect(count("select count(*) as n from rating_snapshots where day = ?", tomorrow)).toBe(count("select count(*) as n from platforms where is_independent = 0"));
    clockMs = Date.parse(`${tomorrow}T00:01:05.000Z`);
    refresher.tick(); // closes 2026-11-24: unchanged here, so no write
    expect(marks()).toEqual([]);
  });
});

describe("the rating computation's reads", () => {
  it("read the rated platforms' decisions of a range on indexes, never scanning decisions, cases or links", () => {
    const plan = (sqlite.prepare(`explain query plan ${OWN_DECISIONS_SQL}`).all({ from: "2026-01-01", to: "2026-11-25", windowFrom: "2026-08-27", ids: "[1,2]" }) as { detail: string }[]).map((r) => r.detail);
    // Which side leads depends on the statistics (the platforms' links on a small database, the
    // decisions' covering index on a large one); either way every table is searched on an index.
    expect(plan.join("\n")).toMatch(/SEARCH d USING (COVERING )?INDEX/);
    expect(plan.join("\n")).not.toMatch(/SCAN (d|c|l)\b/);
  });

  it("sift other providers' links on a platform's domains in the index, without reading the links", () => {
    const plan = (sqlite.prepare(`explain query plan ${OTHERS_ON_DOMAINS_SQL}`).all({ from: "2026-01-01", to: "2026-11-25", domains: '["taobao.com","tb.cn"]', ids: "[1,2]" }) as { detail: string }[]).map((r) => r.detail);
    expect(plan.join("\n")).toMatch(/SEARCH l USING COVERING INDEX links_domain_idx \(registrable_domain=\?\)/);
    expect(plan.join("\n")).not.toMatch(/SCAN (d|c|l)\b/);
  });
});

describe("the catch-up on start", () => {
  const platformCount = () => count("select count(*) as n from platforms where is_independent = 0");

  it("computes every day missing between the last snapshot and today, once", async () => {
    const later = new Date("2026-11-29T03:00:00.000Z");
    expect(missingDays(db, later)).toEqual({ from: "2026-11-26", to: "2026-11-29" });
    const result = await catchUpRatings(db, { now: later, chunkDays: 3, pause: async () => {} });
    expect(result).toMatchObject({ from: "2026-11-26", to: "2026-11-29", days: 4, chunks: 2, snapshots: 4 * platformCount() });
    for (const day of ["2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29"]) {
      expect(count("select count(*) as n from rating_snapshots where day = ?", day), day).toBe(platformCount());
    }
    // The same numbers as computing those days directly.
    const stored = sqlite.prepare("select * from rating_snapshots where day >= '2026-11-26' order by platform_id, day").all() as Record<string, unknown>[];
    computeSnapshots(db, { from: "2026-11-26", to: "2026-11-29" }, { now: later });
    const again = sqlite.prepare("select * from rating_snapshots where day >= '2026-11-26' order by platform_id, day").all() as Record<string, unknown>[];
    const withoutTime = (rows: Record<string, unknown>[]) => rows.map((row) => ({ ...row, computed_at: null }));
    expect(withoutTime(again)).toEqual(withoutTime(stored));
    expect(await catchUpRatings(db, { now: later })).toBeNull();
  });

  it("is bounded to the last two years", () => {
    const farLater = new Date("2029-06-01T00:00:00.000Z");
    // 731 days counting today: the most computeSnapshots takes at once.
    expect(missingDays(db, farLater)).toEqual({ from: "2027-06-02", to: "2029-06-01" });
  });
});
