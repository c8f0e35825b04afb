// The three verdict modes of DESIGN.md "Link verdicts and user choice", table-driven, plus the rule
// that no mode lifts a block.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grades, levels } from "@/db/schema";
import { type LinkFacts, type VerdictMode, applyMode, verdictModes } from "@/lib/verdicts/modes";

const facts = (overrides: Partial<LinkFacts> = {}): LinkFacts => ({
  level: null,
  grade: "A",
  attributed: true,
  isShortLink: false,
  isIpLiteral: false,
  isMixedScript: false,
  ...overrides,
});

const cases: [name: string, LinkFacts, Record<VerdictMode, string>][] = [
  ["nothing in force, grade A", facts(), { standard: "allow", strict: "allow", relaxed: "allow" }],
  ["L1", facts({ level: "L1" }), { standard: "warn", strict: "warn", relaxed: "allow" }],
  ["L2", facts({ level: "L2" }), { standard: "warn", strict: "warn", relaxed: "warn" }],
  ["L3", facts({ level: "L3" }), { standard: "block", strict: "block", relaxed: "block" }],
  ["L4", facts({ level: "L4" }), { standard: "block", strict: "block", relaxed: "block" }],
  ["L5 is no link verdict", facts({ level: "L5" }), { standard: "allow", strict: "allow", relaxed: "allow" }],
  ["grade D platform", facts({ grade: "D" }), { standard: "warn", strict: "warn", relaxed: "allow" }],
  ["grade C platform", facts({ grade: "C" }), { standard: "allow", strict: "warn", relaxed: "allow" }],
  ["unrated platform", facts({ grade: null }), { standard: "allow", strict: "allow", relaxed: "allow" }],
  ["unattributed domain", facts({ grade: null, attributed: false }), { standard: "allow", strict: "warn", relaxed: "allow" }],
  ["short link", facts({ isShortLink: true }), { standard: "allow", strict: "warn", relaxed: "allow" }],
  ["IP literal", facts({ isIpLiteral: true, attributed: false, grade: null }), { standard: "allow", strict: "warn", relaxed: "allow" }],
  ["mixed-script host", facts({ isMixedScript: true }), { standard: "allow", strict: "warn", relaxed: "allow" }],
  ["L1 on a grade-D platform", facts({ level: "L1", grade: "D" }), { standard: "warn", strict: "warn", relaxed: "allow" }],
  ["L3 on a grade-A platform in relaxed", facts({ level: "L3", grade: "A" }), { standard: "block", strict: "block", relaxed: "block" }],
];

describe("applyMode", () => {
  for (const [name, input, expected] of cases) {
    for (const mode of verdictModes) {
      it(`${name}: ${mode} → ${expected[mode]}`, () => {
        expect(applyMode(mode, input).verdict).toBe(expected[mode]);
      });
    }
  }

  it("names every caution strict mode raises", () => {
    const outcome = applyMode("strict", facts({ grade: "C", attributed: false, isShortLink: true, isIpLiteral: true, isMixedScript: true }));
    expect(outcome.cautions).toEqual(["platform_grade_c", "unattributed_domain", "short_link", "ip_literal", "mixed_script_host"]);
  });

  it("keeps the L1 reason out of a relaxed answer and in the others", () => {
    expect(applyMode("relaxed", facts({ level: "L1" })).verdictApplies).toBe(false);
    expect(applyMode("standard", facts({ level: "L1" })).verdictApplies).toBe(true);
  });

  it("restricts sharing from L2 up in every mode", () => {
    for (const mode of verdictModes) {
      expect(applyMode(mode, facts({ level: "L1" })).shareable).toBe(true);
      expect(applyMode(mode, facts({ level: "L2" })).shareable).toBe(false);
      expect(applyMode(mode, facts({ level: "L4" })).shareable).toBe(false);
    }
  });

  const anyFacts = fc.record({
    level: fc.constantFrom(null, ...levels),
    grade: fc.constantFrom(null, ...grades),
    attributed: fc.boolean(),
    isShortLink: fc.boolean(),
    isIpLiteral: fc.boolean(),
    isMixedScript: fc.boolean(),
  });
  const severity = { allow: 0, warn: 1, block: 2 } as const;

  it("no mode lifts a block: L3 and L4 block whatever the user chose", () => {
    fc.assert(
      fc.property(anyFacts, fc.constantFrom(...verdictModes), (input, mode) => {
        const blocked = input.level === "L3" || input.level === "L4";
        expect(applyMode(mode, input).verdict === "block").toBe(blocked);
      }),
    );
  });

  it("strict is never lighter than standard, and standard never lighter than relaxed", () => {
    fc.assert(
      fc.property(anyFacts, (input) => {
        const [strict, standard, relaxed] = (["strict", "standard", "relaxed"] as const).map((m) => severity[applyMode(m, input).verdict]);
        expect(strict).toBeGreaterThanOrEqual(standard!);
        expect(standard).toBeGreaterThanOrEqual(relaxed!);
      }),
    );
  });
});
