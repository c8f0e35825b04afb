// Whether one platform's links got harsher handling than everybody else's in the same situation
// (same category, same offence count). Pure: counts of decisions per level in, verdicts out, so
// the rule can be checked by hand on small tables (tests/unit/fairness-compare.test.ts).
//
// THE RULE. In one situation, a platform's links are flagged as handled HARSHER when all of:
//   1. enough decisions: at least 5 on this platform's links, and at least 5 on all other
//      platforms' links together (below that, one decision moves the mean too much to judge);
//   2. a gap worth a manager's time: the platform's mean level is at least 0.5 levels above the
//      mean of all other platforms' decisions pooled (L3 = 3, L4 = 4, …);
//   3. not chance: a one-sided Mann–Whitney rank test of "this platform's levels are higher" gives
//      p < 0.01 (normal approximation with the tie correction and a continuity correction, so the
//      same counts always give the same answer). 0.01 rather than 0.05 because a report compares
//      dozens of platform-situation pairs at once, and 0.05 would flag some by chance every period.
// LIGHTER is the mirror image (mean at least 0.5 below the others', p < 0.01 the other way): shown,
// not flagged, because lighter handling of one provider is not discrimination against it.
// Otherwise a platform is "similar" (enough data, no such gap), "too_few" (rule 1 fails) or
// "alone" (no other platform's links were decided in this situation). Independent sites are shown but
// "not_compared" (lib/fairness/report.ts): the rulebook may block an independent domain whole (L4)
// but never a registered platform's own domain, so their levels differ by design, not by bias.
import type { Level } from "@/db/schema";

export const FAIRNESS_RULE = {
  minDecisions: 5,
  minOtherDecisions: 5,
  minMeanGap: 0.5,
  alpha: 0.01,
} as const;

export const handlingLevels = ["L1", "L2", "L3", "L4", "L5"] as const satisfies readonly Level[];
export type HandlingLevel = (typeof handlingLevels)[number];
export type LevelCounts = Record<HandlingLevel, number>;

export type ComparisonStatus = "harsher" | "lighter" | "similar" | "too_few" | "alone" | "not_compared";

export type Comparison = {
  status: ComparisonStatus;
  decisions: number;
  meanLevel: number;
  /** The platform's most frequent level (the harsher one on a tie) and how often it was given. */
  typical: { level: HandlingLevel; count: number };
  otherDecisions: number;
  /** Null when no other platform's links were decided in the situation. */
  otherMeanLevel: number | null;
  /** meanLevel − otherMeanLevel. */
  difference: number | null;
  /** One-sided p-value in the direction of the difference; null when there is nothing to test. */
  pValue: number | null;
};

export const emptyCounts = (): LevelCounts => ({ L1: 0, L2: 0, L3: 0, L4: 0, L5: 0 });

const levelValue = (level: HandlingLevel) => handlingLevels.indexOf(level) + 1;

export function total(counts: LevelCounts): number {
  return handlingLevels.reduce((sum, level) => sum + counts[level], 0);
}

/** Mean level with L1 = 1 … L5 = 5; NaN for no decisions. */
export function meanLevel(counts: LevelCounts): number {
  const n = total(counts);
  return handlingLevels.reduce((sum, level) => sum + levelValue(level) * counts[level], 0) / n;
}

export function addCounts(a: LevelCounts, b: LevelCounts): LevelCounts {
  const sum = emptyCounts();
  for (const level of handlingLevels) sum[level] = a[level] + b[level];
  return sum;
}

function subtractCounts(a: LevelCounts, b: LevelCounts): LevelCounts {
  const difference = emptyCounts();
  for (const level of handlingLevels) difference[level] = a[level] - b[level];
  return difference;
}

/**
 * One-sided p-values of the Mann–Whitney U test between two samples of levels given as counts:
 * `higher` for "a's levels tend to be higher than b's", `lower` for the reverse. Ties share their
 * mid-rank, the variance carries the tie correction, and z a continuity correction of ½.
 */
export function rankTest(a: LevelCounts, b: LevelCounts): { u: number; higher: number; lower: number } {
  const n1 = total(a);
  const n2 = total(b);
  const n = n1 + n2;
  let below = 0;
  let rankSum = 0;
  let tieTerm = 0;
  for (const level of handlingLevels) {
    const tied = a[level] + b[level];
    rankSum += a[level] * (below + (tied + 1) / 2);
    tieTerm += tied ** 3 - tied;
    below += tied;
  }
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = n < 2 ? 0 : ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, higher: 1, lower: 1 };
  const sd = Math.sqrt(variance);
  return {
    u,
    higher: 1 - normalCdf((u - mean - 0.5) / sd),
    lower: 1 - normalCdf((mean - u - 0.5) / sd),
  };
}

/** Standard normal distribution function (Abramowitz & Stegun 7.1.26; error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function typical(counts: LevelCounts): Comparison["typical"] {
  let best: HandlingLevel = "L1";
  for (const level of handlingLevels) if (counts[level] >= counts[best]) best = level;
  return { level: best, count: counts[best] };
}

/** Each platform of one situation compared with all the others pooled, by THE RULE above. */
export function compareSituation<K>(rows: readonly { key: K; counts: LevelCounts }[]): { key: K; comparison: Comparison }[] {
  const all = rows.reduce((sum, row) => addCounts(sum, row.counts), emptyCounts());
  return rows.map(({ key, counts }) => ({ key, comparison: comparePlatform(counts, subtractCounts(all, counts)) }));
}

/** One platform's decisions against the pooled decisions on every other platform's links. */
export function comparePlatform(own: LevelCounts, others: LevelCounts): Comparison {
  const decisions = total(own);
  const otherDecisions = total(others);
  const mean = meanLevel(own);
  const base = { decisions, meanLevel: mean, typical: typical(own), otherDecisions };
  if (otherDecisions === 0) return { ...base, status: "alone", otherMeanLevel: null, difference: null, pValue: null };
  const otherMeanLevel = meanLevel(others);
  const difference = mean - otherMeanLevel;
  const test = rankTest(own, others);
  const pValue = difference >= 0 ? test.higher : test.lower;
  const comparison = { ...base, otherMeanLevel, difference, pValue };
  if (decisions < FAIRNESS_RULE.minDecisions || otherDecisions < FAIRNESS_RULE.minOtherDecisions) {
    return { ...comparison, status: "too_few" };
  }
  // A small epsilon so that a gap of exactly 0.5 computed in floating point still counts.
  const gap = FAIRNESS_RULE.minMeanGap - 1e-9;
  if (difference >= gap && test.higher < FAIRNESS_RULE.alpha) return { ...comparison, status: "harsher" };
  if (-difference >= gap && test.lower < FAIRNESS_RULE.alpha) return { ...comparison, status: "lighter" };
  return { ...comparison, status: "similar" };
}
