import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { PlatformRef, Situation } from "@/lib/fairness/report";
import { categoryName } from "@/lib/rules/category-name";

/** The page's words for a report's parts, in the viewer's language. */
export async function fairnessLabels() {
  const t = await getTranslations("fairness");
  const format = await getFormatter();
  const locale = await getLocale();
  return {
    platform: (platform: PlatformRef) => (platform.id === null ? t("independent") : locale === "zh" ? platform.nameZh : platform.name),
    situation: (situation: Pick<Situation, "category" | "offence">) =>
      t("situationName", { category: categoryName(situation.category, locale), offence: t(`offence.${situation.offence}`) }),
    /** A mean level as "L3.39" (up to two decimals). */
    mean: (value: number) => `L${format.number(value, { maximumFractionDigits: 2 })}`,
    pValue: (p: number) => (p < 0.001 ? t("pValueBelow") : t("pValue", { p: format.number(p, { maximumSignificantDigits: 2 }) })),
  };
}

export type Labels = Awaited<ReturnType<typeof fairnessLabels>>;

/** The anchor of a situation's table. */
export const situationId = (situation: Pick<Situation, "category" | "offence">) => `situation-${situation.category}-${situation.offence}`;
