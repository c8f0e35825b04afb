// The rating formula of DESIGN.md on hand-computed examples, every edge included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RatingCounts, gradeFor, rate } from "@/lib/ratings/formula";

const counts = (overrides: Partial<RatingCounts> = {}): RatingCounts => ({
  decided: 0,
  confirmed: 0,
  noticesOnTime: 0,
  noticesDue: 0,
  repeatCases: 0,
  severitySum: 0,
  criticalOverdue: 0,
  ...overrides,
});

describe("rate", () => {
  it("gives a platform with nothing decided and no notices full marks, provisionally", () => {
    expect(rate(counts())).toEqual({
      score: 100,
      grade: "A",
      provisional: true,
      cappedAtC: false,
      violationRate: 0,
      rectificationRate: 1,
      repeatRate: 0,
      severityIndex: 0,
      contributions: { violation: 40, rectification: 30, repeat: 20, severity: 10 },
    });
  });

  it("computes a typical platform by hand: 40 decided, 10 confirmed, 8 of 10 notices on time, 2 repeats, mean weight 4", () => {
    // 40 × (1 − 10/40) + 30 × 8/10 + 20 × (1 − 2/10) + 10 × (1 − 40/10/8) = 30 + 24 + 16 + 5 = 75
    const rating = rate(counts({ decided: 40, confirmed: 10, noticesOnTime: 8, noticesDue: 10, repeatCases: 2, severitySum: 40 }));
    expect(rating).toMatchObject({ score: 75, grade: "B", provisional: false, cappedAtC: false, violationRate: 0.25, rectificationRate: 0.8, repeatRate: 0.2, severityIndex: 0.5 });
    expect(rating.contributions).toEqual({ violation: 30, rectification: 24, repeat: 16, severity: 5 });
  });

  it("rounds to one decimal and grades the rounded score: 69.5 is C", () => {
    // 40 × 0.8 + 30 × 0.75 + 20 × 0.5 + 10 × 0.5 = 32 + 22.5 + 10 + 5 = 69.5
    expect(rate(counts({ decided: 10, confirmed: 2, noticesOnTime: 3, noticesDue: 4, repeatCases: 1, severitySum: 8 }))).toMatchObject({
      score: 69.5,
      grade: "C",
      provisional: true,
    });
    // 40 × (1 − 1/3) + 30 + 20 + 10 × (1 − 1/8) = 26.666… + 30 + 20 + 8.75 = 85.41666… → 85.4, A
    expect(rate(counts({ decided: 21, confirmed: 7, severitySum: 7 }))).toMatchObject({ score: 85.4, grade: "A" });
  });

  it("rounds half up where binary fractions fall just short", () => {
    // 40 × (1 − 1/20) + 30 × 2/3 + 20 + 10 × (1 − 1/8) = 38 + 20 + 20 + 8.75 = 86.75 → 86.8
    expect(rate(counts({ decided: 20, confirmed: 1, noticesOnTime: 2, noticesDue: 3, severitySum: 1 })).score).toBe(86.8);
  });

  it("caps A or B at C while a critical violation's notice is overdue, and says so", () => {
    // 40 × 0.9 + 30 × 0.8 + 20 + 10 × (1 − 1/8) = 36 + 24 + 20 + 8.75 = 88.75 → 88.8
    const good = counts({ decided: 50, confirmed: 5, noticesOnTime: 4, noticesDue: 5, severitySum: 5 });
    expect(rate(good)).toMatchObject({ grade: "A", cappedAtC: false });
    expect(rate({ ...good, criticalOverdue: 1 })).toMatchObject({ score: rate(good).score, grade: "C", cappedAtC: true });
    // Already C or D: the cap changes nothing and is not marked.
    const poor = counts({ decided: 20, confirmed: 20, noticesDue: 10, noticesOnTime: 0, repeatCases: 20, severitySum: 160, criticalOverdue: 3 });
    expect(rate(poor)).toMatchObject({ score: 0, grade: "D", cappedAtC: false });
  });

  it("marks fewer than 20 decided cases provisional, 20 not", () => {
    expect(rate(counts({ decided: 19 })).provisional).toBe(true);
    expect(rate(counts({ decided: 20 })).provisional).toBe(false);
  });

  it("refuses counts that cannot be", () => {
    expect(() => rate(counts({ decided: 1, confirmed: 2 }))).toThrow(RangeError);
    expect(() => rate(counts({ noticesDue: 1, noticesOnTime: 2 }))).toThrow(RangeError);
    expect(() => rate(counts({ decided: 2, confirmed: 1, repeatCases: 2 }))).toThrow(RangeError);
    expect(() => rate(counts({ decided: 2, confirmed: 1, severitySum: 9 }))).toThrow(RangeError);
    expect(() => rate(counts({ decided: -1 }))).toThrow(RangeError);
    expect(() => rate(counts({ decided: 1.5 }))).toThrow(RangeError);
  });

  it("keeps every score within 0–100 and never raises it for more confirmed violations", () => {
    const valid = fc
      .record({ decided: fc.integer({ min: 0, max: 500 }), noticesDue: fc.integer({ min: 0, max: 200 }) })
      .chain(({ decided, noticesDue }) =>
        fc.record({
          decided: fc.constant(decided),
          confirmed: fc.integer({ min: 0, max: Math.max(0, decided - 1) }),
          noticesDue: fc.constant(noticesDue),
          noticesOnTime: fc.integer({ min: 0, max: noticesDue }),
          criticalOverdue: fc.integer({ min: 0, max: 3 }),
        }),
      );
    fc.assert(
      fc.property(valid, (c) => {
        const base: RatingCounts = { ...c, repeatCases: 0, severitySum: c.confirmed * 4 };
        const rating = rate(base);
        expect(rating.score).toBeGreaterThanOrEqual(0);
        expect(rating.score).toBeLessThanOrEqual(100);
        if (base.confirmed + 1 > base.decided) return;
        const worse = rate({ ...base, confirmed: base.confirmed + 1, severitySum: base.severitySum + 4 });
        expect(worse.score).toBeLessThanOrEqual(rating.score);
      }),
    );
  });
});

describe("gradeFor", () => {
  it("draws the grade boundaries where DESIGN.md does", () => {
    expect([100, 85, 84.9, 70, 69.9, 55, 54.9, 0].map(gradeFor)).toEqual(["A", "A", "B", "B", "C", "C", "D", "D"]);
  });
});
