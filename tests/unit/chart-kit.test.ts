import { describe, expect, it } from "vitest";
import { chartCsv, csvFileName } from "@/components/charts/chart-csv";
import { dayTick, formatValue } from "@/components/charts/chart-format";
import { gradeBands } from "@/components/charts/grade-bands";
import { GRADE_COLORS, SERIES_COLORS, seriesColor, seriesDash } from "@/components/charts/palette";
import { sparklinePaths } from "@/components/charts/sparkline-path";
import { BOM, parseCsv } from "@/lib/exports/csv";
import { GRADE_FLOORS, gradeFor } from "@/lib/ratings/formula";

describe("chart CSV", () => {
  const columns = [
    { key: "day", label: "Day", kind: "date" as const },
    { key: "name", label: "Platform, name", kind: "text" as const },
    { key: "score", label: "Score", kind: "number" as const },
    { key: "rate", label: "Rate", kind: "percent" as const },
  ];

  it("starts with the BOM and the header of column labels, lines end in CRLF", () => {
    const text = chartCsv(columns, [{ day: "2026-11-24", name: "Taobao", score: 74, rate: 0.25 }]);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text).toBe(`${BOM}Day,"Platform, name",Score,Rate\r\n2026-11-24,Taobao,74,0.25\r\n`);
  });

  it("writes numbers as numbers (a negative change is not neutralised) and text cells formula-safe", () => {
    const text = chartCsv(columns, [{ day: "2026-11-24", name: "=HYPERLINK(\"x\")", score: -3.5, rate: null }]);
    const [, row] = parseCsv(text);
    expect(row).toEqual(["2026-11-24", "'=HYPERLINK(\"x\")", "-3.5", ""]);
  });

  it("keeps Chinese text and empty cells for missing keys", () => {
    const rows = parseCsv(chartCsv(columns, [{ day: "2026-11-23", name: "淘宝" }]));
    expect(rows).toEqual([["Day", "Platform, name", "Score", "Rate"], ["2026-11-23", "淘宝", "", ""]]);
  });

  it("has only the header when there are no rows", () => {
    expect(chartCsv(columns, [])).toBe(`${BOM}Day,"Platform, name",Score,Rate\r\n`);
  });

  it("names the file safely", () => {
    expect(csvFileName("platform-scores")).toBe("platform-scores.csv");
    expect(csvFileName("../a b/c")).toBe("..-a-b-c.csv");
    expect(csvFileName("///")).toBe("chart.csv");
  });
});

describe("grade bands", () => {
  it("follow the formula's floors from 0 to 100 without gaps", () => {
    const bands = gradeBands();
    expect(bands.map((b) => [b.label, b.from, b.to])).toEqual([
      ["A", 85, 100],
      ["B", 70, 85],
      ["C", 55, 70],
      ["D", 0, 55],
    ]);
    for (const [grade, floor] of GRADE_FLOORS) expect(gradeFor(floor)).toBe(grade);
    expect(gradeFor(bands[3]!.to - 0.1)).toBe("D");
  });

  it("take translated labels", () => {
    expect(gradeBands((g) => `Grade ${g}`)[0]!.label).toBe("Grade A");
  });
});

describe("palette", () => {
  it("gives distinct colours to up to eight series and dashes past the fourth", () => {
    const colours = Array.from({ length: 8 }, (_, i) => seriesColor(i));
    expect(new Set(colours).size).toBe(8);
    expect(seriesColor(8)).toBe(SERIES_COLORS[0]);
    expect([0, 1, 2, 3].map(seriesDash)).toEqual([undefined, undefined, undefined, undefined]);
    expect(seriesDash(4)).toBeTruthy();
    expect(new Set(Object.values(GRADE_COLORS)).size).toBe(4);
  });
});

describe("chart formatting", () => {
  it("formats numbers and percents, and a dash for nothing", () => {
    expect(formatValue(74.04, "number", "en")).toBe("74");
    expect(formatValue(0.256, "percent", "en")).toBe("25.6%");
    expect(formatValue(null)).toBe("—");
  });

  it("shortens ISO days on the axis and leaves other labels", () => {
    expect(dayTick("2026-11-24")).toBe("11-24");
    expect(dayTick("A")).toBe("A");
  });
});

describe("sparkline path", () => {
  it("scales values into the box, top is high", () => {
    const [path] = sparklinePaths([0, 100], 100, 20, [0, 100]);
    expect(path).toBe("M1.5,18.5 L98.5,1.5");
  });

  it("breaks the line at a gap and draws a lone point", () => {
    const paths = sparklinePaths([50, null, 60, 70], 100, 20, [0, 100]);
    expect(paths).toHaveLength(2);
    expect(paths[0]).toMatch(/^M1\.5,[\d.]+ h0\.01$/);
    expect(paths[1]).toMatch(/^M[\d.]+,[\d.]+ L98\.5,/);
  });

  it("draws nothing without values and a flat line for a constant", () => {
    expect(sparklinePaths([null, null], 100, 20)).toEqual([]);
    const [flat] = sparklinePaths([70, 70, 70], 100, 20);
    expect(flat).toBe("M1.5,10.0 L50.0,10.0 L98.5,10.0");
  });
});
