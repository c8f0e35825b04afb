import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { categoryName } from "@/lib/rules/category-name";
import { publishedRulebook } from "@/lib/rules/published-rulebook";

export async function generateMetadata() {
  return { title: (await getTranslations("rules"))("title") };
}

export default async function RulesPage() {
  await requirePage("rules.view");
  const t = await getTranslations("rules");
  const locale = await getLocale();
  const rulebook = publishedRulebook(getDb());
  if (!rulebook) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState title={t("none")} />
      </>
    );
  }
  const duration = (hours: number | null) =>
    hours === null ? t("untilLifted") : hours % 24 === 0 && hours >= 48 ? t("days", { days: hours / 24 }) : t("hours", { hours });
  const ladderText = (ladder: { level: string; durationHours: number | null }[]) =>
    ladder.map((step) => `${step.level} ${duration(step.durationHours)}`).join(" → ");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("versionLine", { version: rulebook.version.version, summary: rulebook.version.summary })}
      />
      <p className="mb-3 text-sm text-slate-600">
        {t("publishedAt")} <LocalTime iso={rulebook.version.publishedAt} /> · {t("repeatWindow", { days: rulebook.version.repeatWindowDays })}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t("category")}</th>
              <th scope="col" className="px-3 py-2">{t("principle")}</th>
              <th scope="col" className="px-3 py-2">{t("severity")}</th>
              <th scope="col" className="px-3 py-2">{t("ladder")}</th>
              <th scope="col" className="px-3 py-2">{t("reason")}</th>
            </tr>
          </thead>
          <tbody>
            {rulebook.rules.map((rule) => (
              <tr key={rule.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2 font-medium">{categoryName(rule.category, locale)}</td>
                <td className="px-3 py-2">{rule.principle}</td>
                <td className="px-3 py-2">{t(`severities.${rule.severity}`)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{ladderText(rule.ladder)}</td>
                <td className="px-3 py-2 text-slate-600">{locale === "zh" ? rule.reasonZh : rule.reasonEn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
