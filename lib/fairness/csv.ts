// The fairness table as CSV (RFC 4180), one row per platform and situation, for a spreadsheet.
// A UTF-8 BOM so that Excel reads Chinese names right; every text cell that a spreadsheet would
// take for a formula (= + - @, tab, carriage return) is prefixed with an apostrophe, because
// platform names are typed by staff. Numbers are written as numbers.
import { categoryName } from "@/lib/rules/category-name";
import { handlingLevels } from "./compare";
import type { FairnessReport } from "./report";

const BOM = "\uFEFF";

/** A text cell a spreadsheet will show as text, never run. */
export function textCell(value: string): string {
  const neutral = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}

const numberCell = (value: number | null, digits?: number) =>
  value === null || !Number.isFinite(value) ? "" : digits === undefined ? String(value) : value.toFixed(digits);

export const fairnessCsvColumns = [
  "from",
  "to",
  "category",
  "category_name",
  "offence",
  "platform",
  "platform_name",
  ...handlingLevels,
  "decisions",
  "mean_level",
  "others_decisions",
  "others_mean_level",
  "difference",
  "p_value",
  "assessment",
] as const;

export function fairnessCsv(report: FairnessReport, locale: string): string {
  const lines = [fairnessCsvColumns.join(",")];
  for (const situation of report.situations) {
    for (const { platform, counts, comparison: c } of situation.platforms) {
      lines.push(
        [
          textCell(report.period.from),
          textCell(report.period.to),
          textCell(situation.category),
          textCell(categoryName(situation.category, locale)),
          // "3" stands for "3rd or later".
          situation.offence === 3 ? "3+" : String(situation.offence),
          textCell(platform.slug),
          textCell(locale === "zh" ? platform.nameZh : platform.name),
          ...handlingLevels.map((level) => String(counts[level])),
          String(c.decisions),
          numberCell(c.meanLevel, 4),
          String(c.otherDecisions),
          numberCell(c.otherMeanLevel, 4),
          numberCell(c.difference, 4),
          numberCell(c.pValue, 6),
          c.status,
        ].join(","),
      );
    }
  }
  return `${BOM}${lines.join("\r\n")}\r\n`;
}
