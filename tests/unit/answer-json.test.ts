// The verdict answer's JSON from cached fragments is exactly what JSON.stringify writes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerJson } from "@/lib/verdicts/answer-json";
import type { LinkVerdict } from "@/lib/verdicts/lookup";

const text = fc.string({ unit: "grapheme", maxLength: 40 });
const reason = fc.oneof(
  fc.record({ kind: fc.constant("verdict" as const), code: text, level: fc.constantFrom("L1", "L2", "L3", "L4" as const), en: text, zh: text }),
  fc.record({ kind: fc.constant("caution" as const), code: fc.constantFrom("short_link", "ip_literal" as const), en: text, zh: text }),
);
const answer: fc.Arbitrary<LinkVerdict> = fc.record({
  verdict: fc.constantFrom("allow", "warn", "block" as const),
  level: fc.constantFrom("L0", "L1", "L2", "L3", "L4" as const),
  shareable: fc.boolean(),
  reasons: fc.array(reason, { maxLength: 3 }),
  canonicalUrl: text,
  platform: fc.option(
    fc.record({ id: fc.nat(), slug: text, name: text, nameZh: text, grade: fc.constantFrom("A", "B", "C", "D", null), provisional: fc.boolean(), overridden: fc.boolean() }),
  ),
  expiresAt: fc.option(fc.date({ noInvalidDate: true, min: new Date("2000-01-01"), max: new Date("2100-01-01") }).map((d) => d.toISOString())),
  ttlSeconds: fc.integer({ min: 1, max: 300 }),
  mode: fc.constantFrom("standard", "strict", "relaxed" as const),
}) as fc.Arbitrary<LinkVerdict>;

describe("answerJson", () => {
  it("writes what JSON.stringify writes, alone and with the batch's url first", () => {
    fc.assert(
      fc.property(answer, text, (a, url) => {
        expect(answerJson(a)).toBe(JSON.stringify(a));
        expect(answerJson(a, { url })).toBe(JSON.stringify({ url, ...a }));
        // The second time from the cached fragments of the same objects.
        expect(answerJson(a)).toBe(JSON.stringify(a));
      }),
      { numRuns: 500, seed: 20261208 },
    );
  });
});
