// The CSV behind a chart panel's "Download CSV": built in the browser from the same rows and columns
// the table view shows, with the exports' cell rules (lib/exports/csv.ts): BOM, formula-safe text
// cells, plain numbers, CRLF. Percent columns hold fractions (0.25) and are written as such.
import { BOM, type CellKind, csvLine, headerLine } from "@/lib/exports/csv";

export type ChartColumn = { key: string; label: string; kind?: "number" | "percent" | "date" | "text" };
export type ChartRow = Record<string, string | number | null>;

const cellKind = (column: ChartColumn): CellKind => (column.kind === "number" || column.kind === "percent" ? "number" : "text");

export function chartCsv(columns: readonly ChartColumn[], rows: readonly ChartRow[]): string {
  const kinds = columns.map(cellKind);
  let text = BOM + headerLine(columns.map((c) => c.label));
  for (const row of rows) {
    text += csvLine(
      kinds,
      columns.map((c) => {
        const value = row[c.key] ?? null;
        // A number column holding text (never expected) is written as text rather than dropped.
        if (cellKind(c) === "number" && typeof value === "string") return Number.isFinite(Number(value)) ? Number(value) : null;
        return value;
      }),
    );
  }
  return text;
}

/** A file name safe on every system: letters, digits, dot, dash and underscore; never empty. */
export function csvFileName(filename: string): string {
  const safe = filename.replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/^-+|-+$/g, "");
  return `${safe || "chart"}.csv`;
}
