// Colours shared by every chart. The series colours are the Okabe–Ito palette (chosen to stay
// distinguishable with the common forms of colour blindness), ordered so that the first few are the
// most different from each other; lines past the fourth also get a dash pattern, so they never rely
// on hue alone. Grades always show their letter beside the colour.
import type { Grade } from "@/db/schema";

export const SERIES_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#8C6D00"] as const;

/** Dash patterns for lines, by series index: solid for the first four, then dashed and dotted. */
const DASHES = ["", "", "", "", "6 3", "2 3", "8 3 2 3", "4 4"] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

export function seriesDash(index: number): string | undefined {
  return DASHES[index % DASHES.length] || undefined;
}

/** Strong grade colours (bars, lines, badge borders) and light tints (bands behind a chart, badge fill). */
export const GRADE_COLORS: Record<Grade, string> = { A: "#009E73", B: "#0072B2", C: "#E69F00", D: "#D55E00" };
export const GRADE_TINTS: Record<Grade, string> = { A: "#d7f2ea", B: "#d6e8f5", C: "#fcefd2", D: "#f9ded0" };
/** Text on a grade tint: dark enough for WCAG AA contrast on the tint. */
export const GRADE_TEXT: Record<Grade, string> = { A: "#00523c", B: "#00406a", C: "#6b4700", D: "#8a3300" };

/** Axis, grid and muted text colours, matching Tailwind's slate scale used by the console. */
export const CHART_INK = { axis: "#475569", grid: "#e2e8f0", muted: "#64748b", text: "#334155" } as const;
