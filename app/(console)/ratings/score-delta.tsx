import { getFormatter, getTranslations } from "next-intl/server";

/**
 * A signed score change: an arrow and a sign in the text, and colour on top (never colour alone);
 * the accessible name says it in words.
 */
export async function ScoreDelta({ value, days, testId }: { value: number | null; days: number; testId?: string }) {
  const t = await getTranslations("ratingBoard");
  const format = await getFormatter();
  if (value === null) {
    return (
      <span className="text-slate-400" aria-label={t("deltaUnknown", { days })} title={t("deltaUnknown", { days })} data-testid={testId}>
        —
      </span>
    );
  }
  const amount = format.number(Math.abs(value), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const [arrow, sign, colour, label] =
    value > 0
      ? ["▲", "+", "text-emerald-700", t("deltaUp", { amount, days })]
      : value < 0
        ? ["▼", "−", "text-red-700", t("deltaDown", { amount, days })]
        : ["■", "±", "text-slate-500", t("deltaNone", { days })];
  return (
    <span className={`whitespace-nowrap tabular-nums ${colour}`} aria-label={label} title={label} data-testid={testId} data-value={value}>
      <span aria-hidden="true" className="mr-1 text-xs">{arrow}</span>
      <span aria-hidden="true">{sign}{amount}</span>
    </span>
  );
}
