// The queue's priority score: hand-computed values for its parts, and the properties a moderator
// relies on (more reporters, more recent reports, more waiting never lower a case).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grades, severities } from "@/db/schema";
import { type PriorityFacts, credibility, priorityScore } from "@/lib/queue/priority";

const now = "2026-11-24T08:00:00.000Z";
const hoursAgo = (h: number) => new Date(Date.parse(now) - h * 3_600_000).toISOString();
const base: PriorityFacts = {
  severity: "medium",
  reporters: 1,
  reportsLast24h: 1,
  trackRecords: [],
  platformGrade: null,
  waitingSince: now,
  now,
};

describe("priorityScore", () => {
  it("adds up its parts, computed by hand", () => {
    // critical: 80; 3 reporters: 10·log2(4) = 20; 7 in 24 h: 8·log2(8) = 24;
    // credibility (3+1)/(3+1+2) = 2/3 → 20·(2/3 − 0.5) = 3.33; grade D: 12; 12 h of 24: 30·0.5 = 15.
    const p = priorityScore({
      ...base,
      severity: "critical",
      reporters: 3,
      reportsLast24h: 7,
      trackRecords: [{ confirmed: 3, rejected: 1 }],
      platformGrade: "D",
      waitingSince: hoursAgo(12),
    });
    expect(p.parts).toEqual({ severity: 80, reporters: 20, velocity: 24, trackRecord: 3.33, platform: 12, age: 15, breach: 0 });
    expect(p.total).toBe(154.33);
    expect(p.slaHours).toBe(24);
    expect(p.breached).toBe(false);
  });

  it("uses 72 h for non-critical cases, marks a breach and caps the age part at twice the SLA", () => {
    const at72 = priorityScore({ ...base, severity: "high", waitingSince: hoursAgo(72) });
    expect(at72).toMatchObject({ slaHours: 72, breached: true });
    expect(at72.parts).toMatchObject({ severity: 40, age: 30, breach: 20 });
    expect(priorityScore({ ...base, waitingSince: hoursAgo(500) }).parts.age).toBe(60);
    expect(priorityScore({ ...base, severity: "critical", waitingSince: hoursAgo(23.9) }).breached).toBe(false);
    expect(priorityScore({ ...base, severity: "critical", waitingSince: hoursAgo(24) }).breached).toBe(true);
  });

  it("counts reporters who mostly file rejected complaints less, and unknown reporters as neutral", () => {
    expect(credibility({ confirmed: 0, rejected: 0 })).toBe(0.5);
    const neutral = priorityScore({ ...base, reporters: 3 });
    expect(neutral.parts.trackRecord).toBe(0);
    const unreliable = priorityScore({ ...base, reporters: 3, trackRecords: [{ confirmed: 0, rejected: 8 }] });
    expect(unreliable.parts.trackRecord).toBe(-8); // 20 · (0.1 − 0.5)
    expect(unreliable.total).toBeLessThan(neutral.total);
  });

  it("gives the platform's grade points only once ratings exist", () => {
    expect(priorityScore(base).parts.platform).toBe(0);
    expect(grades.map((grade) => priorityScore({ ...base, platformGrade: grade }).parts.platform)).toEqual([0, 4, 8, 12]);
  });
});

const facts = fc.record({
  severity: fc.constantFrom(...severities),
  reporters: fc.integer({ min: 0, max: 10_000 }),
  reportsLast24h: fc.integer({ min: 0, max: 10_000 }),
  trackRecords: fc.array(fc.record({ confirmed: fc.nat(100), rejected: fc.nat(100) }), { maxLength: 5 }),
  platformGrade: fc.constantFrom(null, ...grades),
  ageHours: fc.double({ min: 0, max: 2_000, noNaN: true }),
});
const toFacts = ({ ageHours, ...f }: { ageHours: number } & Omit<PriorityFacts, "waitingSince" | "now">): PriorityFacts => ({
  ...f,
  waitingSince: hoursAgo(ageHours),
  now,
});

describe("priorityScore properties", () => {
  it("never goes down with more reporters, more recent reports or more waiting", () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 1, max: 100 }), fc.double({ min: 0, max: 200, noNaN: true }), (f, more, hours) => {
        const score = priorityScore(toFacts(f)).total;
        expect(priorityScore(toFacts({ ...f, reporters: f.reporters + more })).total).toBeGreaterThanOrEqual(score);
        expect(priorityScore(toFacts({ ...f, reportsLast24h: f.reportsLast24h + more })).total).toBeGreaterThanOrEqual(score);
        expect(priorityScore(toFacts({ ...f, ageHours: f.ageHours + hours })).total).toBeGreaterThanOrEqual(score);
      }),
    );
  });

  it("ranks a more severe claim (critical also has the shorter SLA) and a worse grade at least as high, and a better track record too", () => {
    fc.assert(
      fc.property(facts, (f) => {
        const score = (g: Partial<typeof f>) => priorityScore(toFacts({ ...f, ...g })).total;
        for (let i = 1; i < severities.length; i += 1) {
          expect(score({ severity: severities[i - 1] })).toBeGreaterThanOrEqual(score({ severity: severities[i] }));
        }
        expect(score({ platformGrade: "D" })).toBeGreaterThanOrEqual(score({ platformGrade: "A" }));
        const better = f.trackRecords.map((r) => ({ ...r, confirmed: r.confirmed + 1 }));
        expect(score({ trackRecords: better })).toBeGreaterThanOrEqual(score({}));
      }),
    );
  });

  it("is a finite, non-negative sum of its parts", () => {
    fc.assert(
      fc.property(facts, (f) => {
        const p = priorityScore(toFacts(f));
        expect(Number.isFinite(p.total)).toBe(true);
        expect(p.total).toBeGreaterThanOrEqual(0);
        const sum = Object.values(p.parts).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - p.total)).toBeLessThan(0.04); // each part rounded to 0.01 on its own
      }),
    );
  });
});
