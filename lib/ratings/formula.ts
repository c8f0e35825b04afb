// The platform credit rating, version 1, exactly as DESIGN.md "Platform credit rating, version 1"
// defines it. Pure: the counts behind one platform-day in, the score, grade and components out, so a
// snapshot can be recomputed by hand or from the exported decision log (docs/ratings.md).
import type { Grade } from "@/db/schema";

export const FORMULA_VERSION = 1;
/** The rating window: the 90 days ending on the snapshot's day. */
export const WINDOW_DAYS = 90;
/** A confirmed case is a repeat when its registrable domain had a confirmed case in the 180 days before. */
export const REPEAT_LOOKBACK_DAYS = 180;
/** Fewer decided cases than this in the window: the grade is provisional. */
export const PROVISIONAL_BELOW = 20;
/** The heaviest severity weight (critical); the severity index is the mean weight over it. */
export const MAX_SEVERITY_WEIGHT = 8;

export const WEIGHTS = { violation: 0.4, rectification: 0.3, repeat: 0.2, severity: 0.1 } as const;
export const GRADE_FLOORS: readonly [Grade, number][] = [
  ["A", 85],
  ["B", 70],
  ["C", 55],
];

/** What a snapshot counts for one platform over one window. */
export type RatingCounts = {
  /** Its cases decided as violation or no violation (undone decisions do not count). */
  decided: number;
  /** Those decided as violation and not overturned (by reversal or appeal) by the end of the day. */
  confirmed: number;
  /** Notices answered before their deadline. */
  noticesOnTime: number;
  /** Notices whose deadline has passed or that were answered. */
  noticesDue: number;
  /** Confirmed cases whose registrable domain already had a confirmed case in the 180 days before. */
  repeatCases: number;
  /** Sum of the severity weights of the confirmed cases (critical 8, high 4, medium 2, low 1). */
  severitySum: number;
  /** Critical violations whose notice is past its deadline, unanswered: any caps the grade at C. */
  criticalOverdue: number;
};

export type Rating = {
  score: number;
  grade: Grade;
  provisional: boolean;
  /** The cap lowered the grade (A or B by score, C because of a critical notice overdue). */
  cappedAtC: boolean;
  violationRate: number;
  rectificationRate: number;
  repeatRate: number;
  severityIndex: number;
  /** Each component's points out of 100: 40 × (1 − violationRate), 30 × rectificationRate, … */
  contributions: { violation: number; rectification: number; repeat: number; severity: number };
};

function check(counts: RatingCounts) {
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of at least 0, got ${value}`);
  }
  if (counts.confirmed > counts.decided) throw new RangeError("confirmed cannot exceed decided");
  if (counts.noticesOnTime > counts.noticesDue) throw new RangeError("noticesOnTime cannot exceed noticesDue");
  if (counts.repeatCases > counts.confirmed) throw new RangeError("repeatCases cannot exceed confirmed");
  if (counts.severitySum > counts.confirmed * MAX_SEVERITY_WEIGHT) throw new RangeError("severitySum cannot exceed 8 × confirmed");
}

// To one decimal, half up; the sum is first cut to 9 decimals so that binary fractions such as
// 84.94999999999999 (for an exact 84.95) round the way the arithmetic on paper does.
const round1 = (value: number) => Math.round(Number(value.toFixed(9)) * 10) / 10;

export function gradeFor(score: number): Grade {
  for (const [grade, floor] of GRADE_FLOORS) if (score >= floor) return grade;
  return "D";
}

export function rate(counts: RatingCounts): Rating {
  check(counts);
  const violationRate = counts.decided === 0 ? 0 : counts.confirmed / counts.decided;
  const rectificationRate = counts.noticesDue === 0 ? 1 : counts.noticesOnTime / counts.noticesDue;
  const repeatRate = counts.confirmed === 0 ? 0 : counts.repeatCases / counts.confirmed;
  const severityIndex = counts.confirmed === 0 ? 0 : counts.severitySum / counts.confirmed / MAX_SEVERITY_WEIGHT;
  const contributions = {
    violation: 100 * WEIGHTS.violation * (1 - violationRate),
    rectification: 100 * WEIGHTS.rectification * rectificationRate,
    repeat: 100 * WEIGHTS.repeat * (1 - repeatRate),
    severity: 100 * WEIGHTS.severity * (1 - severityIndex),
  };
  const score = round1(contributions.violation + contributions.rectification + contributions.repeat + contributions.severity);
  const computed = gradeFor(score);
  const cappedAtC = counts.criticalOverdue > 0 && (computed === "A" || computed === "B");
  return {
    score,
    grade: cappedAtC ? "C" : computed,
    provisional: counts.decided < PROVISIONAL_BELOW,
    cappedAtC,
    violationRate,
    rectificationRate,
    repeatRate,
    severityIndex,
    contributions,
  };
}
