// A tiny line for a table cell: plain SVG (no chart library, no client code), so a table of many
// rows stays cheap. Gaps (null) break the line. Named by aria-label; no legend or tooltip.
import { seriesColor } from "./palette";
import { sparklinePaths } from "./sparkline-path";

type Props = {
  values: (number | null)[];
  label: string;
  /** Fixed scale, e.g. [0, 100] for scores, so rows can be compared; default: the values' own range. */
  domain?: [number, number];
  width?: number;
  height?: number;
  color?: string;
  testId?: string;
};

export function Sparkline({ values, label, domain, width = 96, height = 24, color = seriesColor(0), testId }: Props) {
  const paths = sparklinePaths(values, width, height, domain);
  return (
    <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="block" data-testid={testId}>
      {paths.map((d, i) => (
        <path key={i} d={d} fill="none" stroke={color} strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" />
      ))}
    </svg>
  );
}
