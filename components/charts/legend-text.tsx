import { CHART_INK } from "./palette";

/**
 * Legend entries in the text colour (recharts colours them like their series, which is hard to read
 * for the lighter ones); the swatch beside each keeps the series colour. Kept in series order.
 */
export const legendProps = {
  itemSorter: null,
  wrapperStyle: { fontSize: 12 },
  formatter: (value: unknown) => <span style={{ color: CHART_INK.text }}>{String(value)}</span>,
} as const;
