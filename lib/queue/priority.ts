// The queue's priority score: a sum of parts a moderator can read off the expanded row, each from one
// fact about the case. Pure: lib/queue/refresh-priority.ts gathers the facts and stores the total in
// cases.priority, which the queue sorts on.
import type { Grade, Severity } from "@/db/schema";
import { severityWeight } from "@/lib/rules/categories";
import { HOUR_MS } from "@/lib/time/now";

/** Service-level targets: how long a case may wait for a decision. */
export const SLA_HOURS = { critical: 24, other: 72 } as const;

export type PriorityFacts = {
  /** The most severe category any report on the case claims. */
  severity: Severity;
  /** Distinct reporters of the case (a reporter reports a link once). */
  reporters: number;
  /** Reports in the last 24 hours. */
  reportsLast24h: number;
  /**
   * The reporters' track record: for each sampled reporter, how many of their earlier reports were
   * decided confirmed (a violation) and rejected (no violation). Empty: unknown reporters.
   */
  trackRecords: readonly { confirmed: number; rejected: number }[];
  /** The platform's grade in force; null before ratings exist or for independent sites. */
  platformGrade: Grade | null;
  /** When the case was opened (or reopened), and now. */
  waitingSince: string;
  now: string;
};

export type PriorityParts = {
  severity: number;
  reporters: number;
  velocity: number;
  trackRecord: number;
  platform: number;
  age: number;
  breach: number;
};

export type Priority = {
  total: number;
  parts: PriorityParts;
  /** Mean credibility of the sampled reporters, 0–1 (0.5 when nothing is known about them). */
  credibility: number;
  slaHours: number;
  /** Hours the case has waited. */
  ageHours: number;
  breached: boolean;
};

/** A score as stored on the case (cases.priority_parts): its parts as of `scoredAt`. */
export type StoredPriority = Priority & { scoredAt: string };

/** A case's stored score (cases.priority_parts), or null before its first scoring. */
export function storedPriority(json: string | null): StoredPriority | null {
  return json === null ? null : (JSON.parse(json) as StoredPriority);
}

/** How long a case has waited and whether that breaches its service-level target, at `now`. */
export function slaClock(slaHours: number, waitingSince: string, now: string): { ageHours: number; breached: boolean } {
  const ageHours = Math.max(0, (Date.parse(now) - Date.parse(waitingSince)) / HOUR_MS);
  return { ageHours, breached: ageHours >= slaHours };
}

export const PRIORITY_WEIGHTS = {
  /** Per severity weight point: critical 80, high 40, medium 20, low 10. */
  severity: 10,
  /** Times log2(1 + distinct reporters). */
  reporters: 10,
  /** Times log2(1 + reports in the last 24 h). */
  velocity: 8,
  /** Share of waiting time against the SLA, up to twice the SLA. */
  age: 30,
  ageCapFactor: 2,
  /** Added once the SLA is breached. */
  breach: 20,
} as const;

/** Worse platforms come first: their links more often turn out to be violations. */
export const GRADE_POINTS: Record<Grade, number> = { A: 0, B: 4, C: 8, D: 12 };

/**
 * A reporter's credibility from their record, with one confirmed and one rejected report assumed
 * (Laplace): 0.5 for someone new, towards 1 for a reliable reporter, towards 0 for one whose
 * complaints are mostly rejected.
 */
export function credibility(record: { confirmed: number; rejected: number }): number {
  return (record.confirmed + 1) / (record.confirmed + record.rejected + 2);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function priorityScore(facts: PriorityFacts): Priority {
  const w = PRIORITY_WEIGHTS;
  const reportersLog = Math.log2(1 + Math.max(0, facts.reporters));
  const meanCredibility =
    facts.trackRecords.length === 0
      ? 0.5
      : facts.trackRecords.reduce((sum, r) => sum + credibility(r), 0) / facts.trackRecords.length;
  const slaHours = facts.severity === "critical" ? SLA_HOURS.critical : SLA_HOURS.other;
  const { ageHours, breached } = slaClock(slaHours, facts.waitingSince, facts.now);
  const slaShare = ageHours / slaHours;

  const exact: PriorityParts = {
    severity: w.severity * severityWeight[facts.severity],
    reporters: w.reporters * reportersLog,
    velocity: w.velocity * Math.log2(1 + Math.max(0, facts.reportsLast24h)),
    // From -half to +half of the reporters' part: credible reporters count up to 1.5 times, reporters
    // who mostly file rejected complaints as little as half.
    trackRecord: w.reporters * reportersLog * (meanCredibility - 0.5),
    platform: facts.platformGrade === null ? 0 : GRADE_POINTS[facts.platformGrade],
    age: w.age * Math.min(slaShare, w.ageCapFactor),
    breach: breached ? w.breach : 0,
  };
  // Rounded once, from the exact parts, so that rounding can never make a case rank lower when a
  // fact grows; the parts are shown rounded to two places.
  const total = round2(Object.values(exact).reduce((sum, part) => sum + part, 0));
  const parts = Object.fromEntries(Object.entries(exact).map(([key, value]) => [key, round2(value)])) as PriorityParts;
  return { total, parts, credibility: meanCredibility, slaHours, ageHours, breached };
}
