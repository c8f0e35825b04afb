// The league table and the comparison read on a real SQLite file: latest snapshot per platform,
// changes over 7 and 30 days, the 90-day sparkline with its gaps, overrides in force beside the
// computed grade, and every read answered from the snapshots' unique index.
import { beforeAll, describe, expect, it } from "vitest";
import type { Grade } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { compareRatings, comparablePlatforms, scoreKey } from "@/lib/ratings/compare";
import { computeSnapshots } from "@/lib/ratings/compute";
import { FORMULA_VERSION } from "@/lib/ratings/formula";
import { addDays, snapshotQueries } from "@/lib/ratings/history";
import { SPARKLINE_DAYS, leagueTable } from "@/lib/ratings/league";
import { biggestMovers, gradeDistribution } from "@/lib/ratings/league-stats";
import { endOverride, overrideGrade } from "@/lib/ratings/override";
import { testDatabase } from "./support/database";
import { makeStaff } from "./support/staff";

const { db, sqlite } = testDatabase();
const now = new Date("2026-11-24T08:00:00.000Z");
const today = "2026-11-24";

const insertPlatform = sqlite.prepare(
  "insert into platforms (slug, name, name_zh, kind, is_independent, created_at) values (?, ?, ?, 'shop', ?, '2026-01-01T00:00:00.000Z') returning id",
);
const insertSnapshot = sqlite.prepare(
  `insert into rating_snapshots (platform_id, day, formula_version, score, grade, provisional, capped_at_c, violation_rate,
     rectification_rate, repeat_rate, severity_index, decided, confirmed, notices_on_time, notices_due, repeat_cases, severity_sum, computed_at)
   values (@platformId, @day, @version, @score, @grade, @provisional, @capped, 0.1, 0.9, 0.05, 0.3, 40, 4, 9, 10, 1, 12, '2026-11-24T08:00:00.000Z')`,
);

const platform = (slug: string, independent = false) =>
  (insertPlatform.get(slug, `Name ${slug}`, `名称 ${slug}`, independent ? 1 : 0) as { id: number }).id;

function snapshot(platformId: number, day: string, score: number, grade: Grade, extra: { provisional?: boolean; capped?: boolean; version?: number } = {}) {
  insertSnapshot.run({ platformId, day, score, grade, provisional: extra.provisional ? 1 : 0, capped: extra.capped ? 1 : 0, version: extra.version ?? FORMULA_VERSION });
}

let steady: number;
let rising: number;
let falling: number;
let patchy: number;
let unrated: number;
let independent: number;
let manager: Actor;

beforeAll(async () => {
  manager = await makeStaff("manager");
  steady = platform("steady");
  rising = platform("rising");
  falling = platform("falling");
  patchy = platform("patchy");
  unrated = platform("unrated");
  independent = platform("independent-sites", true);
  // 120 days for the first three: steady stays at 80, rising climbs 0.5 a day, falling drops 0.5 a day.
  for (let back = 119; back >= 0; back -= 1) {
    const day = addDays(today, -back);
    snapshot(steady, day, 80, "B");
    snapshot(rising, day, Math.round((40 + 0.5 * (119 - back)) * 10) / 10, back > 40 ? "D" : "C");
    snapshot(falling, day, Math.round((95 - 0.5 * (119 - back)) * 10) / 10, back > 60 ? "A" : "B", { capped: back === 0 });
  }
  // Patchy: only a few days, its latest a day before the others, provisional.
  snapshot(patchy, addDays(today, -40), 60, "C", { provisional: true });
  snapshot(patchy, addDays(today, -31), 62, "C", { provisional: true });
  snapshot(patchy, addDays(today, -1), 66.5, "C", { provisional: true });
  // A snapshot of another formula version is not this league's.
  snapshot(steady, addDays(today, 1), 10, "D", { version: FORMULA_VERSION + 1 });
  snapshot(independent, today, 50, "D");
});

const rowOf = (id: number) => leagueTable(db, { now }).rows.find((r) => r.platformId === id)!;

describe("league table", () => {
  it("lists every registered platform, not the independent sites", () => {
    const { rows, latestDay } = leagueTable(db, { now });
    const ids = rows.map((r) => r.platformId);
    expect(ids).toEqual(expect.arrayContaining([steady, rising, falling, patchy, unrated]));
    expect(ids).not.toContain(independent);
    expect(latestDay).toBe(today);
  });

  it("takes each platform's latest snapshot of the current formula", () => {
    expect(rowOf(steady)).toMatchObject({ day: today, score: 80, grade: "B", provisional: false, cappedAtC: false, override: null });
    expect(rowOf(falling)).toMatchObject({ day: today, score: 35.5, grade: "B", cappedAtC: true });
    expect(rowOf(patchy)).toMatchObject({ day: addDays(today, -1), score: 66.5, grade: "C", provisional: true });
  });

  it("gives the score change over 7 and 30 days, unknown where a snapshot is missing", () => {
    expect(rowOf(steady)).toMatchObject({ delta7: 0, delta30: 0 });
    expect(rowOf(rising)).toMatchObject({ score: 99.5, delta7: 3.5, delta30: 15 });
    expect(rowOf(falling)).toMatchObject({ delta7: -3.5, delta30: -15 });
    // Patchy's latest is the 23rd: the 16th is missing, the 24th of October (30 days before) is there.
    expect(rowOf(patchy)).toMatchObject({ delta7: null, delta30: 4.5 });
  });

  it("has 90 days of scores behind each sparkline, ending on the latest snapshot, gaps as null", () => {
    const rising90 = rowOf(rising).sparkline;
    expect(rising90).toHaveLength(SPARKLINE_DAYS);
    expect(rising90[0]).toBe(55);
    expect(rising90.at(-1)).toBe(99.5);
    const patchy90 = rowOf(patchy).sparkline;
    expect(patchy90).toHaveLength(SPARKLINE_DAYS);
    expect(patchy90.filter((v) => v !== null)).toEqual([60, 62, 66.5]);
    expect(patchy90.at(-1)).toBe(66.5);
  });

  it("shows a platform without any snapshot as not rated", () => {
    expect(rowOf(unrated)).toMatchObject({ day: null, score: null, grade: null, delta7: null, delta30: null, sparkline: [] });
  });

  it("shows a manager's override in force beside the computed grade, and not once ended", () => {
    overrideGrade(db, manager, { platformId: steady, grade: "C", reason: "Pending rectification review", endsAt: "2026-12-24T00:00:00.000Z" }, { now });
    expect(rowOf(steady)).toMatchObject({ grade: "B", override: { grade: "C", reason: "Pending rectification review" } });
    endOverride(db, manager, { platformId: steady }, { now: new Date(now.getTime() + 60_000) });
    expect(leagueTable(db, { now: new Date(now.getTime() + 120_000) }).rows.find((r) => r.platformId === steady)!.override).toBeNull();
  });

  it("feeds the movers and the grade distribution", () => {
    const { rows } = leagueTable(db, { now });
    const mine = rows.filter((r) => [steady, rising, falling, patchy, unrated].includes(r.platformId));
    const { up, down } = biggestMovers(mine);
    expect(up.map((r) => r.platformId)).toEqual([rising, patchy]);
    expect(down.map((r) => r.platformId)).toEqual([falling]);
    expect(gradeDistribution(mine)).toEqual([
      { grade: "A", platforms: 0 },
      { grade: "B", platforms: 2 },
      { grade: "C", platforms: 2 },
      { grade: "D", platforms: 0 },
    ]);
  });

  it("reads snapshots through the unique index, never a scan of the table", () => {
    const queries = snapshotQueries(db);
    const plans = [
      [queries.latest.toSQL().sql, [steady, FORMULA_VERSION, 1]],
      [queries.history.toSQL().sql, [steady, "2026-08-27", today, FORMULA_VERSION]],
    ].map(([query, params]) =>
      (sqlite.prepare(`explain query plan ${query}`).all(...(params as unknown[])) as { detail: string }[]).map((r) => r.detail).join("; "),
    );
    for (const plan of plans) {
      expect(plan).toMatch(/SEARCH rating_snapshots USING INDEX rating_snapshots_platform_day_uq \(platform_id=\?/);
      expect(plan).not.toMatch(/SCAN rating_snapshots/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe("comparison", () => {
  it("lines the chosen platforms' scores up on the same days, in the order chosen", () => {
    const c = compareRatings(db, [falling, patchy, rising], { now, days: 10 });
    expect(c.platforms.map((p) => p.id)).toEqual([falling, patchy, rising]);
    expect(c.days).toEqual(Array.from({ length: 10 }, (_, i) => addDays(today, i - 9)));
    expect(c.scores).toHaveLength(10);
    expect(c.scores.at(-1)).toEqual({ day: today, [scoreKey(falling)]: 35.5, [scoreKey(patchy)]: null, [scoreKey(rising)]: 99.5 });
    expect(c.scores.at(-2)![scoreKey(patchy)]).toBe(66.5);
    expect(c.platforms[1]!.latest).toMatchObject({ day: addDays(today, -1), violationRate: 0.1, decided: 40, noticesDue: 10 });
  });

  it("leaves out unknown ids and the independent sites, and says which", () => {
    const c = compareRatings(db, [steady, 999_999, independent], { now });
    expect(c.platforms.map((p) => p.id)).toEqual([steady]);
    expect(c.unknown).toEqual([999_999, independent]);
  });

  it("has no days when none of the chosen is rated", () => {
    expect(compareRatings(db, [unrated], { now })).toMatchObject({ days: [], scores: [] });
  });

  it("offers every registered platform to choose from", () => {
    const ids = comparablePlatforms(db).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([steady, rising, falling, patchy, unrated]));
    expect(ids).not.toContain(independent);
  });
});

describe("with snapshots from computeSnapshots", () => {
  it("reads what the engine wrote", () => {
    const fresh = platform("fresh");
    computeSnapshots(db, { from: addDays(today, 1), to: addDays(today, 2) }, { now: new Date("2026-11-26T08:00:00.000Z") });
    const row = leagueTable(db, { now }).rows.find((r) => r.platformId === fresh)!;
    // Nothing decided: a perfect, provisional score.
    expect(row).toMatchObject({ day: addDays(today, 2), score: 100, grade: "A", provisional: true, delta7: null });
  });
});
