// Value and axis formatting shared by the charts. Plain functions of serialisable options, because
// the charts are client components fed by server pages (functions cannot cross that boundary).
export type ValueKind = "number" | "percent";

export function formatValue(value: unknown, kind: ValueKind = "number", locale?: string): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  return kind === "percent"
    ? new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(n)
    : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}

/** An ISO day (YYYY-MM-DD) as an axis tick: month and day; other labels as they are. */
export function dayTick(value: unknown): string {
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text.slice(5) : text;
}
