// "Why this grade": a snapshot taken apart into the four components of the formula, each with the
// counts it came from, its rate and its points, and the comparison with the snapshots 7 and 30 days
// earlier that names the component which moved the score most. Pure, from stored snapshot rows; the
// points are recomputed with formula.ts from the stored counts, so they add up to the stored score.
import type { Grade } from "@/db/schema";
import { PROVISIONAL_BELOW, WEIGHTS, rate } from "./formula";
import type { SnapshotRow } from "./platform-report";

export const componentKeys = ["violation", "rectification", "repeat", "severity"] as const;
export type ComponentKey = (typeof componentKeys)[number];

export type ComponentExplanation = {
  key: ComponentKey;
  /** The most points the component can give (its weight × 100). */
  maxPoints: number;
  points: number;
  /** The rate the formula reads (violation, rectification, repeat rate or severity index). */
  rate: number;
  /** The counts behind the rate: numerator and denominator. */
  numerator: number;
  denominator: number;
};

export type Comparison = {
  days: number;
  /** The earlier snapshot's day; null when there is none that far back. */
  day: string | null;
  scoreBefore: number | null;
  gradeBefore: Grade | null;
  scoreChange: number | null;
  /** Each component's change in points. */
  changes: Record<ComponentKey, number> | null;
  /** The component whose points moved most in the direction of the score (null: nothing moved). */
  mainMover: ComponentKey | null;
};

export type GradeExplanation = {
  day: string;
  score: number;
  grade: Grade;
  /** The grade the score alone gives, before the cap. */
  gradeByScore: Grade;
  provisional: boolean;
  provisionalBelow: number;
  cappedAtC: boolean;
  components: ComponentExplanation[];
  comparisons: Comparison[];
};

const round1 = (n: number) => Math.round(n * 10) / 10;

function pointsOf(s: SnapshotRow): Record<ComponentKey, number> {
  const { contributions } = rate({
    decided: s.decided,
    confirmed: s.confirmed,
    noticesOnTime: s.noticesOnTime,
    noticesDue: s.noticesDue,
    repeatCases: s.repeatCases,
    severitySum: s.severitySum,
    criticalOverdue: s.cappedAtC ? 1 : 0,
  });
  return contributions;
}

function compare(latest: SnapshotRow, earlier: SnapshotRow | undefined, days: number): Comparison {
  if (!earlier) return { days, day: null, scoreBefore: null, gradeBefore: null, scoreChange: null, changes: null, mainMover: null };
  const now = pointsOf(latest);
  const before = pointsOf(earlier);
  const changes = Object.fromEntries(componentKeys.map((k) => [k, round1(now[k] - before[k])])) as Record<ComponentKey, number>;
  const scoreChange = round1(latest.score - earlier.score);
  // A fall is explained by the component that lost most, a rise by the one that gained most.
  const direction = scoreChange < 0 ? -1 : scoreChange > 0 ? 1 : 0;
  let mainMover: ComponentKey | null = null;
  for (const k of componentKeys) {
    const moved = direction === 0 ? Math.abs(changes[k]) : changes[k] * direction;
    if (moved > 0 && (mainMover === null || moved > (direction === 0 ? Math.abs(changes[mainMover]) : changes[mainMover] * direction))) mainMover = k;
  }
  return { days, day: earlier.day, scoreBefore: earlier.score, gradeBefore: earlier.grade, scoreChange, changes, mainMover };
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Explains the last snapshot of `history` (oldest first); null when there is none. */
export function explainGrade(history: readonly SnapshotRow[]): GradeExplanation | null {
  const latest = history.at(-1);
  if (!latest) return null;
  const byDay = new Map(history.map((s) => [s.day, s]));
  const points = pointsOf(latest);
  const components: ComponentExplanation[] = [
    { key: "violation", maxPoints: 100 * WEIGHTS.violation, points: points.violation, rate: latest.violationRate, numerator: latest.confirmed, denominator: latest.decided },
    { key: "rectification", maxPoints: 100 * WEIGHTS.rectification, points: points.rectification, rate: latest.rectificationRate, numerator: latest.noticesOnTime, denominator: latest.noticesDue },
    { key: "repeat", maxPoints: 100 * WEIGHTS.repeat, points: points.repeat, rate: latest.repeatRate, numerator: latest.repeatCases, denominator: latest.confirmed },
    { key: "severity", maxPoints: 100 * WEIGHTS.severity, points: points.severity, rate: latest.severityIndex, numerator: latest.severitySum, denominator: latest.confirmed },
  ];
  const gradeByScore = rate({ decided: latest.decided, confirmed: latest.confirmed, noticesOnTime: latest.noticesOnTime, noticesDue: latest.noticesDue, repeatCases: latest.repeatCases, severitySum: latest.severitySum, criticalOverdue: 0 }).grade;
  return {
    day: latest.day,
    score: latest.score,
    grade: latest.grade,
    gradeByScore,
    provisional: latest.provisional,
    provisionalBelow: PROVISIONAL_BELOW,
    cappedAtC: latest.cappedAtC,
    components,
    comparisons: [7, 30].map((days) => compare(latest, byDay.get(addDays(latest.day, -days)), days)),
  };
}
