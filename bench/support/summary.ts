// The `summary` every benchmark's results JSON carries for `npm run bench` (bench/run-all.ts): one
// row per target, with Linkdesk's figure, the baseline's, their ratio, the target and pass/fail.
// Figures are kept as the benchmark prints them (strings with units and separators are fine).

export type SummaryRow = {
  metric: string;
  linkdesk: string | number | null;
  baseline: string | number | null;
  ratio: string | number | null;
  target: string;
  /** null: for information, no target. */
  pass: boolean | null;
};

export function summaryRow(
  metric: string,
  linkdesk: string | number | null,
  baseline: string | number | null,
  target: string,
  pass: boolean | null,
  ratio: string | number | null = null,
): SummaryRow {
  const r = ratio ?? (typeof linkdesk === "number" && typeof baseline === "number" && baseline !== 0 ? Math.round((linkdesk / baseline) * 100) / 100 : null);
  return { metric, linkdesk, baseline, ratio: r, target, pass };
}

/**
 * The rows of a printed results table that have a target, as summary rows. `header` names the
 * columns; the first "metric", "Linkdesk", "baseline", "ratio", "target" and "result" columns are used
 * (a result cell "pass" is a pass, anything else with a target a failure).
 */
export function summaryFromTable(header: readonly string[], rows: readonly (readonly string[])[]): SummaryRow[] {
  const col = (name: string) => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const [metric, linkdesk, baseline, ratio, target, result] = ["metric", "Linkdesk", "baseline", "ratio", "target", "result"].map(col);
  const cell = (row: readonly string[], i: number) => (i! >= 0 ? (row[i!] ?? "").trim() : "");
  return rows
    .filter((row) => cell(row, target!) !== "")
    .map((row) => ({
      metric: cell(row, metric!),
      linkdesk: cell(row, linkdesk!) || null,
      baseline: cell(row, baseline!) || null,
      ratio: cell(row, ratio!) || null,
      target: cell(row, target!),
      pass: cell(row, result!) === "" ? null : cell(row, result!).toLowerCase() === "pass",
    }));
}
