"use client";
// Values over days, one line per series, with optional bands (the grade bands) drawn behind.
import { useLocale } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartRow } from "./chart-csv";
import { ChartPlaceholder, useInBrowser } from "./client-only";
import { type ValueKind, dayTick, formatValue } from "./chart-format";
import type { Band } from "./grade-bands";
import { legendProps } from "./legend-text";
import { CHART_INK, seriesColor, seriesDash } from "./palette";
import type { Series } from "./series";

type Props = {
  /** The chart's accessible name. */
  title: string;
  rows: ChartRow[];
  /** The key of the ISO day in each row. */
  x: string;
  series: Series[];
  bands?: Band[];
  yDomain?: [number, number];
  valueKind?: ValueKind;
  height?: number;
};

export function TimeSeriesChart({ title, rows, x, series, bands, yDomain, valueKind = "number", height = 288 }: Props) {
  const locale = useLocale();
  if (!useInBrowser()) return <ChartPlaceholder title={title} height={height} kind="time-series" />;
  // With bands, the value axis is ticked at their edges (0, 55, 70, 85, 100 for grades).
  const ticks = bands ? [...new Set(bands.flatMap((b) => [b.from, b.to]))].sort((a, b) => a - b) : undefined;
  return (
    <div role="img" aria-label={title} data-chart="time-series">
      <LineChart responsive style={{ width: "100%", height }} data={rows} margin={{ top: 8, right: bands ? 64 : 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
        {bands?.map((band) => (
          <ReferenceArea
            key={band.label}
            y1={band.from}
            y2={band.to}
            fill={band.color}
            fillOpacity={0.7}
            stroke="none"
            ifOverflow="hidden"
            label={{ value: band.label, position: "right", fill: CHART_INK.text, fontSize: 11 }}
          />
        ))}
        <CartesianGrid stroke={CHART_INK.grid} strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey={x} tickFormatter={dayTick} minTickGap={24} tick={{ fill: CHART_INK.axis, fontSize: 12 }} stroke={CHART_INK.grid} />
        <YAxis
          domain={yDomain ?? ["auto", "auto"]}
          allowDataOverflow={Boolean(yDomain)}
          ticks={ticks}
          tickFormatter={(v) => formatValue(v, valueKind, locale)}
          tick={{ fill: CHART_INK.axis, fontSize: 12 }}
          stroke={CHART_INK.grid}
          width={44}
        />
        <Tooltip formatter={(value) => formatValue(value, valueKind, locale)} labelStyle={{ color: "#0f172a", fontWeight: 500 }} />
        <Legend {...legendProps} />
        {series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            type="linear"
            stroke={s.color ?? seriesColor(i)}
            strokeDasharray={seriesDash(i)}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}
