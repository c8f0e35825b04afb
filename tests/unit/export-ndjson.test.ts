// The hand-written NDJSON lines of the exports are exactly what JSON.stringify gives for the same
// object, for every kind of value SQLite returns.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ndjsonKeys, ndjsonLine } from "@/lib/exports/ndjson";

const asObject = (names: readonly string[], values: readonly unknown[]) => Object.fromEntries(names.map((n, i) => [n, values[i]]));

describe("ndjsonLine", () => {
  it("writes the columns in order, null for missing values, strings escaped", () => {
    const names = ["decision_id", "rationale", "public_note", "url"];
    const values = [7, '诈骗 "quoted"\n\u2028line\u0000', null, "https://x.example/?a=1&b=<2>"];
    const line = ndjsonLine(ndjsonKeys(names), values);
    expect(line.endsWith("}\n")).toBe(true);
    expect(line).toBe(`${JSON.stringify(asObject(names, values))}\n`);
    expect(JSON.parse(line)).toEqual(asObject(names, values));
  });

  it("equals JSON.stringify of the row object for any SQLite values", () => {
    const value = fc.oneof(fc.constant(null), fc.string({ unit: "binary" }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, unit: "binary" }), { minLength: 1, maxLength: 8 }), fc.array(value, { minLength: 8, maxLength: 8 }), (names, values) => {
        const row = values.slice(0, names.length);
        expect(ndjsonLine(ndjsonKeys(names), row)).toBe(`${JSON.stringify(asObject(names, row))}\n`);
      }),
    );
  });
});
