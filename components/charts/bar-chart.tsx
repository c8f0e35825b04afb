"use client";
// Values per category, side by side (not stacked); `horizontal` lays the categories down the side,
// for long names. One series may colour each bar by its row (rowColors), e.g. grades.
import { useLocale } from "next-intl";
import { Bar, CartesianGrid, Cell, Legend, BarChart as RechartsBarChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartRow } from "./chart-csv";
import { ChartPlaceholder, useInBrowser } from "./client-only";
import { type ValueKind, dayTick, formatValue } from "./chart-format";
import { legendProps } from "./legend-text";
import { CHART_INK, seriesColor } from "./palette";
import type { Series } from "./series";

type Props = {
  title: string;
  rows: ChartRow[];
  x: string;
  series: Series[];
  horizontal?: boolean;
  /** With one series: a colour per row, in row order. */
  rowColors?: string[];
  valueKind?: ValueKind;
  yDomain?: [number, number];
  height?: number;
  stacked?: boolean;
};

export function BarChart({ title, rows, x, series, horizontal = false, rowColors, valueKind = "number", yDomain, height, stacked = false }: Props) {
  const inBrowser = useInBrowser();
  const locale = useLocale();
  const tick = { fill: CHART_INK.axis, fontSize: 12 };
  const fmt = (v: unknown) => formatValue(v, valueKind, locale);
  const size = height ?? (horizontal ? Math.max(160, rows.length * (series.length * 14 + 14) + 60) : 288);
  // Room for the longest category name beside horizontal bars; wide (CJK) characters count double.
  const longest = Math.max(...rows.map((r) => [...String(r[x] ?? "")].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)), 1);
  if (!inBrowser) return <ChartPlaceholder title={title} height={size} kind="bar" />;
  return (
    <div role="img" aria-label={title} data-chart={stacked ? "stacked-bar" : "bar"}>
      <RechartsBarChart
        responsive
        style={{ width: "100%", height: size }}
        data={rows}
        layout={horizontal ? "vertical" : "horizontal"}
        margin={{ top: 8, right: 16, bottom: 4, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={CHART_INK.grid} strokeDasharray="3 3" vertical={horizontal} horizontal={!horizontal} />
        {horizontal ? (
          <>
            <XAxis type="number" domain={yDomain ?? [0, "auto"]} tickFormatter={fmt} tick={tick} stroke={CHART_INK.grid} allowDecimals={valueKind === "percent"} />
            <YAxis type="category" dataKey={x} tick={tick} stroke={CHART_INK.grid} width={Math.min(160, 12 + longest * 7)} interval={0} />
          </>
        ) : (
          <>
            <XAxis dataKey={x} tickFormatter={dayTick} tick={tick} stroke={CHART_INK.grid} minTickGap={8} />
            <YAxis domain={yDomain ?? [0, "auto"]} tickFormatter={fmt} tick={tick} stroke={CHART_INK.grid} width={44} allowDecimals={valueKind === "percent"} />
          </>
        )}
        <Tooltip formatter={(value) => fmt(value)} cursor={{ fill: "#f1f5f9" }} labelStyle={{ color: "#0f172a", fontWeight: 500 }} />
        <Legend {...legendProps} />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color ?? seriesColor(i)} stackId={stacked ? "stack" : undefined} isAnimationActive={false} maxBarSize={48}>
            {series.length === 1 && rowColors && rows.map((_, r) => <Cell key={r} fill={rowColors[r] ?? s.color ?? seriesColor(i)} />)}
          </Bar>
        ))}
      </RechartsBarChart>
    </div>
  );
}
