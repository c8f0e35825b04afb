import { describe, expect, it } from "vitest";
import type { Grade } from "@/db/schema";
import { MAX_COMPARE, parseCompareSelection } from "@/lib/ratings/compare";
import { addDays, alignScores, daysBetween } from "@/lib/ratings/history";
import { biggestMovers, gradeDistribution, parseLeagueSort, scoreDelta, sortLeague } from "@/lib/ratings/league-stats";

describe("score deltas", () => {
  const history = [
    { day: "2026-10-25", score: 70 },
    { day: "2026-11-17", score: 80.2 },
    { day: "2026-11-24", score: 74.1 },
  ];

  it("is the latest score minus the score that many days before, to one decimal", () => {
    expect(scoreDelta(history, "2026-11-24", 7)).toBe(-6.1);
    expect(scoreDelta(history, "2026-11-24", 30)).toBe(4.1);
  });

  it("is unknown without a snapshot on either day", () => {
    expect(scoreDelta(history, "2026-11-24", 8)).toBeNull();
    expect(scoreDelta(history, "2026-11-25", 7)).toBeNull();
  });
});

describe("days", () => {
  it("counts UTC days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(daysBetween("2026-03-02", "2026-03-01")).toEqual([]);
  });

  it("lines scores up on days with gaps as null", () => {
    expect(alignScores([{ day: "2026-03-01", score: 5 }], ["2026-02-28", "2026-03-01"])).toEqual([null, 5]);
  });
});

const row = (platformId: number, name: string, grade: Grade | null, score: number | null, delta7: number | null, delta30: number | null) => ({
  platformId,
  name,
  grade,
  score,
  delta7,
  delta30,
});

describe("biggest movers", () => {
  const rows = [
    row(1, "a", "A", 90, 1, 12),
    row(2, "b", "B", 75, 0, -8),
    row(3, "c", "C", 60, null, null),
    row(4, "d", "D", 40, 2, 0),
    row(5, "e", "B", 72, 1, 3),
    row(6, "f", "B", 71, 1, 3),
    row(7, "g", "C", 58, 1, -20),
  ];

  it("takes the largest rises and falls, leaves out no change and unknown, ties by id", () => {
    const { up, down } = biggestMovers(rows, 5);
    expect(up.map((r) => r.platformId)).toEqual([1, 5, 6]);
    expect(down.map((r) => r.platformId)).toEqual([7, 2]);
  });

  it("keeps at most n of each", () => {
    const many = Array.from({ length: 12 }, (_, i) => row(i + 1, `p${i}`, "B", 70, 0, i % 2 === 0 ? i + 1 : -(i + 1)));
    const { up, down } = biggestMovers(many, 5);
    expect(up.map((r) => r.delta30)).toEqual([11, 9, 7, 5, 3]);
    expect(down.map((r) => r.delta30)).toEqual([-12, -10, -8, -6, -4]);
  });
});

describe("grade distribution", () => {
  it("counts every grade A to D, zeros included, unrated left out", () => {
    expect(gradeDistribution([{ grade: "B" }, { grade: "B" }, { grade: "D" }, { grade: null }])).toEqual([
      { grade: "A", platforms: 0 },
      { grade: "B", platforms: 2 },
      { grade: "C", platforms: 0 },
      { grade: "D", platforms: 1 },
    ]);
  });
});

describe("league sort", () => {
  const rows = [row(1, "Beta", "B", 75, 1, null), row(2, "alpha", "A", 90, -2, 5), row(3, "Gamma", null, null, null, null), row(4, "Delta", "B", 78, 3, -1)];
  const ids = (sorted: { platformId: number }[]) => sorted.map((r) => r.platformId);

  it("reads the sort from the URL and falls back on anything unknown", () => {
    expect(parseLeagueSort("delta7", "asc")).toEqual({ key: "delta7", dir: "asc" });
    expect(parseLeagueSort("name", undefined)).toEqual({ key: "name", dir: "asc" });
    expect(parseLeagueSort("drop table", "sideways")).toEqual({ key: "score", dir: "desc" });
    expect(parseLeagueSort(["score", "name"], "asc")).toEqual({ key: "score", dir: "asc" });
  });

  it("sorts by score, name, grade and change, unrated and unknown last either way", () => {
    expect(ids(sortLeague(rows, { key: "score", dir: "desc" }))).toEqual([2, 4, 1, 3]);
    expect(ids(sortLeague(rows, { key: "score", dir: "asc" }))).toEqual([1, 4, 2, 3]);
    expect(ids(sortLeague(rows, { key: "name", dir: "asc" }))).toEqual([2, 1, 4, 3]);
    expect(ids(sortLeague(rows, { key: "name", dir: "desc" }))).toEqual([3, 4, 1, 2]);
    // Same grade: the higher score first.
    expect(ids(sortLeague(rows, { key: "grade", dir: "asc" }))).toEqual([2, 4, 1, 3]);
    expect(ids(sortLeague(rows, { key: "delta30", dir: "desc" }))).toEqual([2, 4, 1, 3]);
    expect(ids(sortLeague(rows, { key: "delta30", dir: "asc" }))).toEqual([4, 2, 1, 3]);
  });
});

describe("compare selection", () => {
  it("takes comma lists and repeated parameters, in order, without repeats", () => {
    expect(parseCompareSelection("3,1,2")).toEqual({ ids: [3, 1, 2], error: null });
    expect(parseCompareSelection(["3", "1", "3"])).toEqual({ ids: [3, 1], error: null });
    expect(parseCompareSelection(undefined)).toEqual({ ids: [], error: null });
    expect(parseCompareSelection(" 4 , ,5 ")).toEqual({ ids: [4, 5], error: null });
  });

  it(`refuses more than ${MAX_COMPARE} and anything that is not an id`, () => {
    expect(parseCompareSelection("1,2,3,4,5,6").error).toBeNull();
    expect(parseCompareSelection("1,2,3,4,5,6,7")).toEqual({ ids: [1, 2, 3, 4, 5, 6, 7], error: "tooMany" });
    expect(parseCompareSelection("1,x").error).toBe("invalid");
    expect(parseCompareSelection("0").error).toBe("invalid");
    expect(parseCompareSelection("-1").error).toBe("invalid");
    expect(parseCompareSelection("1e3").error).toBe("invalid");
  });
});
