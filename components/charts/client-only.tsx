"use client";
// Charts are drawn in the browser only. On the server recharts has no width to lay out against, so
// rendering it there cost a page about 100 ms (the platform page, docs/performance.md) for SVG the
// browser then redraws; the server sends a placeholder of the chart's size instead.
import { type ReactNode, useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** True in the browser after hydration, false while rendering on the server. */
export function useInBrowser(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}

/** The chart's box while it is not drawn yet, with its accessible name. */
export function ChartPlaceholder({ title, height, kind }: { title: string; height: number; kind: string }): ReactNode {
  return <div role="img" aria-label={title} data-chart-placeholder={kind} className="animate-pulse rounded bg-slate-50" style={{ height }} />;
}
