// The export CSV (RFC 4180, BOM, CRLF) and its formula neutralisation, cell by cell and round trip.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOM, csvLine, headerLine, parseCsv, textCell, unneutralise } from "@/lib/exports/csv";

describe("textCell", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ["line one\nline two", '"line one\nline two"'],
    ["crlf\r\ninside", '"crlf\r\ninside"'],
    ["中文理由：诈骗页面，请勿点击", '"中文理由：诈骗页面，请勿点击"'.replaceAll('"', "")],
    ["中文, with comma", '"中文, with comma"'],
    ["", ""],
  ])("%j → %j", (value, cell) => {
    expect(textCell(value)).toBe(cell);
  });

  it.each([
    ["=1+2", "'=1+2"],
    ["+8613800000000", "'+8613800000000"],
    ["-5", "'-5"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\tindent", "'\tindent"],
    ["\rreturn", "\"'\rreturn\""],
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ["'=already quoted", "''=already quoted"],
  ])("neutralises a dangerous first character: %j → %j", (value, cell) => {
    expect(textCell(value)).toBe(cell);
  });

  it("leaves the same characters alone when they are not first", () => {
    expect(textCell("a=b+c-d@e")).toBe("a=b+c-d@e");
    expect(textCell("2026-11-24T08:00:00.000Z")).toBe("2026-11-24T08:00:00.000Z");
  });

  it("null and undefined are empty cells", () => {
    expect(textCell(null)).toBe("");
    expect(textCell(undefined)).toBe("");
  });
});

describe("csvLine", () => {
  it("writes numbers as numbers, text as text cells, ends with CRLF", () => {
    expect(csvLine(["number", "text", "number", "text"], [42, "-3 days", null, "x,y"])).toBe(`42,'-3 days,,"x,y"\r\n`);
    expect(headerLine(["a", "b"])).toBe("a,b\r\n");
  });

  it("round-trips any text through parseCsv and unneutralise", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "grapheme" }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
        const file = BOM + table.map((r) => csvLine(r.map(() => "text"), r)).join("");
        const parsed = parseCsv(file).map((r) => r.map(unneutralise));
        expect(parsed).toEqual(table);
      }),
    );
  });
});
