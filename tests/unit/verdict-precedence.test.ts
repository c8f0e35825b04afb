import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Level, levels } from "@/db/schema";
import { type RankedVerdict, appliesAt, compareVerdicts, strongestVerdict } from "@/lib/verdicts/precedence";

const verdict = (level: Level, scope: "url" | "domain", expiresAt: string | null, id = 0) => ({ id, level, scope, expiresAt });

describe("appliesAt", () => {
  const window = { startsAt: "2026-11-24T08:00:00.000Z", expiresAt: "2026-11-24T09:00:00.000Z", liftedAt: null };

  it("applies from its start up to, not including, its expiry", () => {
    expect(appliesAt(window, "2026-11-24T07:59:59.999Z")).toBe(false);
    expect(appliesAt(window, "2026-11-24T08:00:00.000Z")).toBe(true);
    expect(appliesAt(window, "2026-11-24T08:59:59.999Z")).toBe(true);
    expect(appliesAt(window, "2026-11-24T09:00:00.000Z")).toBe(false);
  });

  it("applies forever without an expiry, and never once lifted", () => {
    expect(appliesAt({ ...window, expiresAt: null }, "2036-01-01T00:00:00.000Z")).toBe(true);
    expect(appliesAt({ ...window, liftedAt: "2026-11-24T08:30:00.000Z" }, "2026-11-24T08:10:00.000Z")).toBe(false);
  });
});

describe("strongestVerdict", () => {
  it("is null for nothing", () => {
    expect(strongestVerdict([])).toBeNull();
  });

  it("prefers the higher level whatever the scope or expiry", () => {
    const domainL1 = verdict("L1", "domain", null, 1);
    const urlL3 = verdict("L3", "url", "2026-11-24T09:00:00.000Z", 2);
    expect(strongestVerdict([domainL1, urlL3])?.id).toBe(2);
    expect(strongestVerdict([verdict("L1", "url", null, 3), verdict("L4", "domain", "2026-12-01T00:00:00.000Z", 4)])?.id).toBe(4);
  });

  it("at equal level prefers a domain verdict over a URL verdict", () => {
    expect(strongestVerdict([verdict("L3", "url", null, 1), verdict("L3", "domain", "2026-11-25T00:00:00.000Z", 2)])?.id).toBe(2);
  });

  it("at equal level and scope prefers the later expiry, with no expiry the latest", () => {
    const soon = verdict("L2", "url", "2026-11-25T00:00:00.000Z", 1);
    const later = verdict("L2", "url", "2026-12-25T00:00:00.000Z", 2);
    const never = verdict("L2", "url", null, 3);
    expect(strongestVerdict([soon, later])?.id).toBe(2);
    expect(strongestVerdict([later, soon])?.id).toBe(2);
    expect(strongestVerdict([soon, never, later])?.id).toBe(3);
  });

  it("keeps the first of equally strong verdicts", () => {
    expect(strongestVerdict([verdict("L2", "url", null, 1), verdict("L2", "url", null, 2)])?.id).toBe(1);
  });

  const arbitraryVerdict = fc.record({
    level: fc.constantFrom(...levels),
    scope: fc.constantFrom("url" as const, "domain" as const),
    expiresAt: fc.option(
      fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2028-01-01T00:00:00Z") }).map((ms) => new Date(ms).toISOString()),
      { nil: null },
    ),
  }) satisfies fc.Arbitrary<RankedVerdict>;

  it("is at least as strong as every verdict, whatever the order they come in", () => {
    const listAndShuffle = fc
      .array(arbitraryVerdict, { minLength: 1, maxLength: 8 })
      .chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));
    fc.assert(
      fc.property(listAndShuffle, ([list, shuffled]) => {
        const strongest = strongestVerdict(list)!;
        for (const other of list) expect(compareVerdicts(strongest, other)).toBeGreaterThanOrEqual(0);
        expect(compareVerdicts(strongestVerdict(shuffled)!, strongest)).toBe(0);
      }),
    );
  });

  it("orders verdicts antisymmetrically", () => {
    fc.assert(
      fc.property(arbitraryVerdict, arbitraryVerdict, (a, b) => {
        // Compared with ===, so that 0 and -0 count as the same answer.
        expect(Math.sign(compareVerdicts(a, b)) === -Math.sign(compareVerdicts(b, a))).toBe(true);
      }),
    );
  });
});
