"use client";
// Values per category (or day) with the series stacked on each other: parts of one total.
import type { ComponentProps } from "react";
import { BarChart } from "./bar-chart";

type Props = Omit<ComponentProps<typeof BarChart>, "stacked" | "rowColors">;

export function StackedBarChart(props: Props) {
  return <BarChart {...props} stacked />;
}
