// The fairness CSV: a BOM for spreadsheets, one row per platform and situation, quoting by RFC 4180,
// and staff-typed names that look like formulas kept as text.
import { describe, expect, it } from "vitest";
import { comparePlatform } from "@/lib/fairness/compare";
import { fairnessCsv, textCell } from "@/lib/fairness/csv";
import type { FairnessReport, Situation } from "@/lib/fairness/report";

const counts = (partial: Record<string, number>) => ({ L1: 0, L2: 0, L3: 0, L4: 0, L5: 0, ...partial });

describe("textCell", () => {
  it("neutralises formulas and quotes what needs quoting", () => {
    expect(textCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(textCell("+1")).toBe("'+1");
    expect(textCell("-2")).toBe("'-2");
    expect(textCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(textCell("\tcmd")).toBe("'\tcmd");
    expect(textCell("Taobao, Tmall")).toBe(`"Taobao, Tmall"`);
    expect(textCell("two\nlines")).toBe(`"two\nlines"`);
    expect(textCell("抖音")).toBe("抖音");
  });
});

describe("fairnessCsv", () => {
  it("writes a header and one row per platform, with numbers as numbers", () => {
    const own = counts({ L4: 6, L3: 1 });
    const others = counts({ L3: 28, L4: 3 });
    const situation: Situation = {
      category: "gambling",
      offence: 2,
      decisions: 38,
      platforms: [
        { platform: { id: 7, slug: "douyin", name: "=Douyin", nameZh: "抖音" }, counts: own, comparison: comparePlatform(own, others) },
        { platform: { id: null, slug: "independent", name: "Independent sites", nameZh: "独立站点" }, counts: others, comparison: comparePlatform(others, own) },
      ],
    };
    const report: FairnessReport = {
      period: { from: "2026-08-27", to: "2026-11-24", startIso: "", endIso: "", days: 90, category: null },
      decisions: 38,
      situations: [situation],
      compared: 1,
      flags: [{ situation, handling: situation.platforms[0]! }],
      lighter: [],
    };
    const csv = fairnessCsv(report, "en");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe(
      "from,to,category,category_name,offence,platform,platform_name,L1,L2,L3,L4,L5,decisions,mean_level,others_decisions,others_mean_level,difference,p_value,assessment",
    );
    const douyin = lines[1]!.split(",");
    expect(douyin.slice(0, 12)).toEqual(["2026-08-27", "2026-11-24", "gambling", "Gambling", "2", "douyin", "'=Douyin", "0", "0", "1", "6", "0"]);
    expect(douyin.slice(12, 17)).toEqual(["7", "3.8571", "31", "3.0968", "0.7604"]);
    expect(douyin[18]).toBe("harsher");
    expect(lines[2]).toMatch(/^2026-08-27,2026-11-24,gambling,Gambling,2,independent,Independent sites,0,0,28,3,0,31,/);
    expect(fairnessCsv(report, "zh").split("\r\n")[1]).toContain(",赌博,2,douyin,抖音,");
  });
});
