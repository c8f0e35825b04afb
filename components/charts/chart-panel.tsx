"use client";
// A chart in a card: title, a Chart | Table switch (the table is the accessible view of the same
// rows), a CSV download built in the browser from those rows, and an empty state instead of the
// chart when there is nothing to draw.
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useId, useState } from "react";
import { type ChartColumn, type ChartRow, chartCsv, csvFileName } from "./chart-csv";

export type { ChartColumn, ChartRow } from "./chart-csv";

type Props = {
  title: string;
  description?: string;
  /** The download's name without ".csv". */
  filename: string;
  columns: ChartColumn[];
  rows: ChartRow[];
  emptyMessage?: string;
  testId?: string;
  children: ReactNode;
};

const toggleClass = (pressed: boolean) =>
  `px-3 py-1 text-sm font-medium ${pressed ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`;

export function ChartPanel({ title, description, filename, columns, rows, emptyMessage, testId, children }: Props) {
  const t = useTranslations("charts");
  const format = useFormatter();
  const [view, setView] = useState<"chart" | "table">("chart");
  const headingId = useId();
  const empty = rows.length === 0;

  const display = (column: ChartColumn, value: string | number | null | undefined): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "number") {
      if (column.kind === "percent") return format.number(value, { style: "percent", maximumFractionDigits: 1 });
      return format.number(value, { maximumFractionDigits: 2 });
    }
    return value;
  };

  const download = () => {
    const blob = new Blob([chartCsv(columns, rows)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = csvFileName(filename);
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked on the next tick: the click has started the download by then.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-medium text-slate-900">{title}</h2>
          {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
        </div>
        {!empty && (
          <div className="flex shrink-0 items-center gap-2">
            <div role="group" aria-label={t("view")} className="inline-flex overflow-hidden rounded border border-slate-300">
              <button type="button" aria-pressed={view === "chart"} onClick={() => setView("chart")} className={toggleClass(view === "chart")}>
                {t("chart")}
              </button>
              <button type="button" aria-pressed={view === "table"} onClick={() => setView("table")} className={`border-l border-slate-300 ${toggleClass(view === "table")}`}>
                {t("table")}
              </button>
            </div>
            <button type="button" onClick={download} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-brand-700 hover:border-brand-600">
              {t("downloadCsv")}
            </button>
          </div>
        )}
      </div>
      {empty ? (
        <div className="flex h-72 items-center justify-center rounded border border-dashed border-slate-300 px-6 text-center text-sm text-slate-600" data-testid={testId && `${testId}-empty`}>
          {emptyMessage ?? t("empty")}
        </div>
      ) : view === "chart" ? (
        children
      ) : (
        <div className="max-h-96 overflow-auto rounded border border-slate-200" data-testid={testId && `${testId}-table`}>
          <table className="min-w-full text-sm">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={`px-3 py-2 ${c.kind === "number" || c.kind === "percent" ? "text-right" : ""}`}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-100">
                  {columns.map((c) => (
                    <td key={c.key} className={`px-3 py-1.5 ${c.kind === "number" || c.kind === "percent" ? "text-right tabular-nums" : ""}`}>
                      {display(c, row[c.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
