// The path of a sparkline, apart from its markup so that it can be tested on its own.

/** SVG path data, one path per run of values without a gap (null), scaled into width × height. */
export function sparklinePaths(values: readonly (number | null)[], width: number, height: number, domain?: [number, number]): string[] {
  const numbers = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (numbers.length === 0) return [];
  let [lo, hi] = domain ?? [Math.min(...numbers), Math.max(...numbers)];
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  const pad = 1.5;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (Math.min(Math.max(v, lo), hi) - lo) / (hi - lo));
  const paths: string[] = [];
  let current = "";
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current) paths.push(current);
      current = "";
      return;
    }
    const point = `${(pad + i * step).toFixed(1)},${y(v).toFixed(1)}`;
    current += current ? ` L${point}` : `M${point}`;
  });
  if (current) paths.push(current);
  // A lone point draws nothing as a path: give it a short flat stroke.
  return paths.map((p) => (p.includes("L") ? p : `${p} h0.01`));
}
