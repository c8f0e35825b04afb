import type { LadderStep } from "@/db/schema";

/** The translator of the "rules" catalog namespace, as next-intl hands it out. */
type RulesT = (key: string, values?: Record<string, string | number>) => string;

/** A duration as the rulebook pages write it: days from two days up, hours below. */
export function durationLabel(t: RulesT, hours: number | null): string {
  if (hours === null) return t("untilLifted");
  return hours % 24 === 0 && hours >= 48 ? t("days", { days: hours / 24 }) : t("hours", { hours });
}

export function ladderLabel(t: RulesT, ladder: LadderStep[]): string {
  return ladder.map((step) => `${step.level} ${durationLabel(t, step.durationHours)}`).join(" → ");
}
