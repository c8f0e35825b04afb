// The grade bands drawn behind score charts, from the formula's own floors (lib/ratings/formula.ts),
// so a change of threshold moves the bands with it.
import type { Grade } from "@/db/schema";
import { GRADE_FLOORS } from "@/lib/ratings/formula";
import { GRADE_TINTS } from "./palette";

export type Band = { from: number; to: number; label: string; color: string };

/** A from its floor up to 100, each lower grade from its floor up to the next floor, D from 0. */
export function gradeBands(label: (grade: Grade) => string = (g) => g): Band[] {
  const bands: Band[] = [];
  let top = 100;
  for (const [grade, floor] of GRADE_FLOORS) {
    bands.push({ from: floor, to: top, label: label(grade), color: GRADE_TINTS[grade] });
    top = floor;
  }
  bands.push({ from: 0, to: top, label: label("D"), color: GRADE_TINTS.D });
  return bands;
}
