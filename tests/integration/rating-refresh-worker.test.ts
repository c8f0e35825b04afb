// The background reader (lib/ratings/background-worker.ts) for real: a worker thread with its own
// read-only connection to this test's database file reads and counts, this thread writes. The
// refresher, the catch-up and the priority refresh give through it the same rows as in-thread;
// marks, generations and audit events behave as in rating-refresh.test.ts; a failing job or a dying
// thread is logged and the next job gets a new thread; an idle thread exits.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seedDemo } from "@/db/seed-demo";
import type { Actor } from "@/lib/auth/actor";
import { decideCase } from "@/lib/decisions/decide";
import { refreshOpenPriorities, refreshOpenPrioritiesNow } from "@/lib/queue/refresh-priority";
import { BackgroundReader } from "@/lib/ratings/background-worker";
import { catchUpRatings } from "@/lib/ratings/catch-up";
import { computeSnapshots } from "@/lib/ratings/compute";
import { type RatingRefresh, type RefreshRead, refreshRatings, startRatingRefresh, writeRefresh } from "@/lib/ratings/refresh";
import { testDatabase } from "./support/database";
import { at, now, ratingReads, today } from "./support/rating-day";

const { db, sqlite } = testDatabase();
const { one, count, marks } = ratingReads(sqlite);
const snapshot = (platformId: number, day = today) => one<Record<string, unknown>>("select * from rating_snapshots where platform_id = ? and day = ? and formula_version = 1", platformId, day);
const actor = (email: string) => one<Actor>("select id, email, name, role, locale, time_zone as timeZone from users where email = ?", email);

let clockMs = at(1).getTime();
let reader: BackgroundReader;
let refresher: RatingRefresh;

beforeAll(async () => {
  await seedDemo(db, { now });
  reader = new BackgroundReader(sqlite.name, { idleMs: 400 });
  refresher = startRatingRefresh(db, { tickMs: 3_600_000, fullEveryMs: 30 * 86_400_000, clock: () => clockMs, worker: reader });
}, 120_000);
afterAll(async () => {
  refresher?.stop();
  await reader?.stop();
});

function decideOpen(slug: string, when: Date, outcome: "violation" | "no_violation") {
  const open = one<{ id: number; version: number; platformId: number }>(
    `select c.id, c.version, p.id as platformId from cases c join links l on l.id = c.link_id join platforms p on p.id = l.platform_id
      where p.slug = ? and c.status = 'open' and c.last_report_at < ? order by c.id limit 1`,
    slug,
    now.toISOString(),
  );
  decideCase(
    db,
    actor("moderator@linkdesk.test"),
    outcome === "violation"
      ? { caseId: open.id, caseVersion: open.version, outcome, category: "fraud_scam", level: "L3", durationHours: null, rationale: "Fake prize page asking for card details." }
      : { caseId: open.id, caseVersion: open.version, outcome, category: "rumour", level: "L0", durationHours: null },
    { now: when },
  );
  return open.platformId;
}

describe("the rating refresher through the worker thread", () => {
  it("recomputes a marked platform on the worker, writes the changed row and its audit event here, and clears the mark", async () => {
    const platformId = decideOpen("douyin", at(1), "violation");
    const before = snapshot(platformId);
    expect(marks()).toEqual([{ platformId, generation: 1 }]);
    const events = count("select count(*) as n from audit_events where action = 'ratings.refreshed'");
    clockMs = at(2).getTime();
    const started = reader.starts;
    await refresher.tick();
    expect(reader.starts).toBe(started + 1); // the thread started for this job
    const after = snapshot(platformId);
    expect(after.confirmed).toBe((before.confirmed as number) + 1);
    expect(after.computed_at).toBe(at(2).toISOString());
    expect(marks()).toEqual([]);
    expect(count("select count(*) as n from audit_events where action = 'ratings.refreshed'")).toBe(events + 1);
    // The same numbers as the in-thread computation at the same moment: nothing left to change.
    expect(refreshRatings(db, "all", { now: at(2) }).changed).toBe(0);
  });

  it("sends the worker nothing on a tick with no mark and no passed deadline", async () => {
    const posted = vi.spyOn(reader, "run");
    clockMs += 1_000;
    await refresher.tick();
    expect(posted).not.toHaveBeenCalled();
    posted.mockRestore();
  });

  it("keeps a mark that a newer change replaced while the worker was reading (generation)", async () => {
    const platformId = decideOpen("taobao", at(3), "no_violation");
    const read = await reader.run<RefreshRead>({ kind: "ratings.refresh", request: { scope: "marked", nowMs: at(4).getTime() } });
    expect(read.marks).toEqual([{ platformId, generation: 1 }]);
    sqlite.prepare("update rating_stale_platforms set generation = generation + 1").run(); // a change after the read
    expect(writeRefresh(db, read).cleared).toBe(0);
    expect(marks()).toEqual([{ platformId, generation: 2 }]);
    clockMs = at(5).getTime();
    await refresher.tick();
    expect(marks()).toEqual([]);
  });

  it("exits when idle and starts again for the next job", async () => {
    await vi.waitFor(() => expect(reader.running).toBe(false), { timeout: 5_000, interval: 50 });
    const platformId = decideOpen("douyin", at(6), "no_violation");
    const started = reader.starts;
    clockMs = at(7).getTime();
    await refresher.tick();
    expect(reader.starts).toBe(started + 1);
    expect(marks().map((m) => m.platformId)).not.toContain(platformId);
  });

  it("logs a thread that died, and the next tick starts a new one", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await reader.run({ kind: "crash" }).catch(() => {});
    await vi.waitFor(() => expect(reader.running).toBe(false), { timeout: 5_000, interval: 20 });
    expect(errors.mock.calls.some((call) => String(call[0]).includes("[background] worker failed"))).toBe(true);
    errors.mockRestore();
    const platformId = decideOpen("douyin", at(8), "violation");
    const started = reader.starts;
    clockMs = at(9).getTime();
    await refresher.tick();
    expect(reader.starts).toBe(started + 1);
    expect(marks().map((m) => m.platformId)).not.toContain(platformId);
  });

  it("logs a job that fails on the worker and goes on with the same thread", async () => {
    await reader.run({ kind: "ratings.range", range: { from: today, to: today }, computedAt: at(10).toISOString() }); // thread up
    const started = reader.starts;
    await expect(reader.run({ kind: "ratings.range", range: { from: "2026-11-25", to: today }, computedAt: at(10).toISOString() })).rejects.toThrow(/reversed/);
    expect(reader.running).toBe(true);
    expect(reader.starts).toBe(started);
  });

  it("logs and survives a worker that cannot open the database, without throwing from the tick", async () => {
    const broken = new BackgroundReader("/nonexistent/linkdesk.db", { idleMs: 100 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = startRatingRefresh(db, { tickMs: 3_600_000, fullEveryMs: 30 * 86_400_000, clock: () => clockMs, worker: broken });
    decideOpen("douyin", at(11), "no_violation");
    clockMs = at(12).getTime();
    await expect(failing.tick()).resolves.toBeUndefined();
    expect(errors.mock.calls.some((call) => String(call[0]).includes("[ratings] refresh failed"))).toBe(true);
    failing.stop();
    errors.mockRestore();
    await refresher.tick(); // the good one takes the mark
    expect(marks()).toEqual([]);
  });
});

describe("the catch-up and the priority refresh through the worker thread", () => {
  it("computes the missing days on the worker with the same rows as computeSnapshots, one audit event per chunk", async () => {
    const later = new Date("2026-11-29T03:00:00.000Z");
    const events = count("select count(*) as n from audit_events where action = 'ratings.computed'");
    const result = await catchUpRatings(db, { now: later, chunkDays: 3, worker: reader });
    const platforms = count("select count(*) as n from platforms where is_independent = 0");
    expect(result).toMatchObject({ from: "2026-11-25", to: "2026-11-29", days: 5, chunks: 2, snapshots: 5 * platforms });
    expect(count("select count(*) as n from audit_events where action = 'ratings.computed'")).toBe(events + 2);
    const rows = () => sqlite.prepare("select * from rating_snapshots where day >= '2026-11-25' order by platform_id, day").all();
    const stored = rows();
    computeSnapshots(db, { from: "2026-11-25", to: "2026-11-29" }, { now: later });
    expect(rows()).toEqual(stored);
  });

  it("scores every open case on the worker with the same scores as in-thread", async () => {
    const scoredAt = at(30).toISOString();
    const scores = () => sqlite.prepare("select id, priority, priority_parts from cases where status in ('open', 'escalated') order by id").all();
    sqlite.prepare("update cases set priority = 0, priority_parts = null where status in ('open', 'escalated')").run();
    const refreshed = await refreshOpenPriorities(db, { now: () => scoredAt, reader });
    expect(refreshed).toBe(count("select count(*) as n from cases where status in ('open', 'escalated')"));
    const viaWorker = scores();
    refreshOpenPrioritiesNow(db, scoredAt);
    expect(scores()).toEqual(viaWorker);
  });
});
