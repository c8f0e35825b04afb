// The fairness rule (lib/fairness/compare.ts) on hand-made tables: when a platform's links are
// flagged as handled harsher than the others' in the same situation, and when they are not.
import { describe, expect, it } from "vitest";
import {
  FAIRNESS_RULE,
  type LevelCounts,
  compareSituation,
  comparePlatform,
  meanLevel,
  normalCdf,
  rankTest,
} from "@/lib/fairness/compare";

const counts = (partial: Partial<LevelCounts>): LevelCounts => ({ L1: 0, L2: 0, L3: 0, L4: 0, L5: 0, ...partial });

describe("the harsher-handling flag", () => {
  it("flags a platform whose links clearly got a level more than everybody else's", () => {
    // Douyin: L4 in 6 of 7 cases; the others: L3 in 28 of 31, L4 in 3.
    const result = comparePlatform(counts({ L3: 1, L4: 6 }), counts({ L3: 28, L4: 3 }));
    expect(result.status).toBe("harsher");
    expect(result.typical).toEqual({ level: "L4", count: 6 });
    expect(result.decisions).toBe(7);
    expect(result.otherDecisions).toBe(31);
    expect(result.meanLevel).toBeCloseTo(27 / 7, 10);
    expect(result.otherMeanLevel).toBeCloseTo(96 / 31, 10);
    expect(result.difference).toBeCloseTo(27 / 7 - 96 / 31, 10);
    expect(result.pValue).toBeLessThan(FAIRNESS_RULE.alpha);
  });

  it("flags at exactly the minimums: 5 decisions each side, a whole level apart", () => {
    expect(comparePlatform(counts({ L4: 5 }), counts({ L3: 5 })).status).toBe("harsher");
  });

  it("does not flag a platform just under the rule's bar: 6 of 7 at L4 against 3.39 over 31 (gap 0.47)", () => {
    const result = comparePlatform(counts({ L3: 1, L4: 6 }), counts({ L3: 19, L4: 12 }));
    expect(result.difference).toBeCloseTo(0.47, 2);
    expect(result.status).toBe("similar");
  });

  it("does not flag with fewer than 5 decisions on the platform's links, however harsh", () => {
    const result = comparePlatform(counts({ L4: 4 }), counts({ L2: 100 }));
    expect(result.status).toBe("too_few");
    expect(result.difference).toBe(2);
  });

  it("does not flag when the other platforms together have fewer than 5 decisions", () => {
    expect(comparePlatform(counts({ L4: 50 }), counts({ L2: 4 })).status).toBe("too_few");
  });

  it("never flags equal handling, at any size", () => {
    for (const n of [5, 50, 5000]) {
      const result = comparePlatform(counts({ L2: n, L3: 2 * n }), counts({ L2: 3 * n, L3: 6 * n }));
      expect(result.status, `n = ${n}`).toBe("similar");
      expect(result.difference).toBeCloseTo(0, 12);
      expect(result.pValue).toBeGreaterThan(0.4);
    }
  });

  it("never flags identical single-level handling (no variance at all)", () => {
    const result = comparePlatform(counts({ L3: 40 }), counts({ L3: 400 }));
    expect(result.status).toBe("similar");
    expect(result.pValue).toBe(1);
  });

  it("does not flag a gap below half a level, even a certain one", () => {
    // 0.4 levels apart over thousands of decisions: very unlikely to be chance, but too small to act on.
    const result = comparePlatform(counts({ L3: 6000, L4: 4000 }), counts({ L3: 10000 }));
    expect(result.difference).toBeCloseTo(0.4, 10);
    expect(result.pValue).toBeLessThan(1e-6);
    expect(result.status).toBe("similar");
  });

  it("does not flag a half-level gap that chance explains", () => {
    // Both spread over L1–L5; the platform's mean is 0.67 higher on only 6 decisions (p ≈ 0.2).
    const result = comparePlatform(counts({ L1: 1, L3: 1, L4: 2, L5: 2 }), counts({ L1: 2, L2: 2, L3: 2, L4: 2, L5: 2 }));
    expect(result.difference).toBeGreaterThanOrEqual(0.5);
    expect(result.pValue).toBeGreaterThan(FAIRNESS_RULE.alpha);
    expect(result.status).toBe("similar");
  });

  it("shows clearly lighter handling as lighter, never as harsher", () => {
    const result = comparePlatform(counts({ L2: 9, L3: 1 }), counts({ L3: 20, L4: 10 }));
    expect(result.status).toBe("lighter");
    expect(result.difference).toBeLessThan(-0.5);
    expect(result.pValue).toBeLessThan(FAIRNESS_RULE.alpha);
  });

  it("says 'alone' when no other platform's links were decided in the situation", () => {
    const result = comparePlatform(counts({ L4: 30 }), counts({}));
    expect(result).toMatchObject({ status: "alone", otherDecisions: 0, otherMeanLevel: null, difference: null, pValue: null });
  });
});

describe("a whole situation", () => {
  it("compares each platform with all the others pooled: one harsher, the others not flagged", () => {
    const results = compareSituation([
      { key: "douyin", counts: counts({ L4: 8, L3: 1 }) },
      { key: "taobao", counts: counts({ L3: 10 }) },
      { key: "jd", counts: counts({ L3: 9, L4: 1 }) },
      { key: "independent", counts: counts({ L3: 2 }) },
    ]);
    const status = Object.fromEntries(results.map((r) => [r.key, r.comparison.status]));
    expect(status).toEqual({ douyin: "harsher", taobao: "similar", jd: "similar", independent: "too_few" });
    const taobao = results.find((r) => r.key === "taobao")!.comparison;
    // Taobao's others: Douyin, JD and independent sites, 21 decisions.
    expect(taobao.otherDecisions).toBe(21);
    expect(taobao.otherMeanLevel).toBeCloseTo((8 * 4 + 1 * 3 + 9 * 3 + 1 * 4 + 2 * 3) / 21, 10);
  });

  it("flags nobody when every platform got the same handling", () => {
    const results = compareSituation(["a", "b", "c"].map((key) => ({ key, counts: counts({ L3: 12, L4: 4 }) })));
    expect(results.every((r) => r.comparison.status === "similar")).toBe(true);
  });
});

describe("the statistics underneath", () => {
  it("means count L1 as 1 … L5 as 5", () => {
    expect(meanLevel(counts({ L1: 1, L5: 1 }))).toBe(3);
    expect(meanLevel(counts({ L3: 3, L4: 1 }))).toBe(3.25);
  });

  it("normalCdf matches the standard normal table", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.326348)).toBeCloseTo(0.01, 6);
  });

  it("rankTest gives U and the one-sided p-values of the tie-corrected normal approximation", () => {
    // By hand: U = 25, mean 12.5, variance 25/12 × (11 − 240/90) = 17.36, z = (25 − 12.5 − 0.5) / 4.1667 = 2.88,
    // p = 1 − Φ(2.88) = 0.0019884 (the same as scipy's mannwhitneyu(..., method="asymptotic")).
    const test = rankTest(counts({ L4: 5 }), counts({ L3: 5 }));
    expect(test.u).toBe(25);
    expect(test.higher).toBeCloseTo(0.0019884, 6);
    expect(test.lower).toBeGreaterThan(0.99);
  });
});
