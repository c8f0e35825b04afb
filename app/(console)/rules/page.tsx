import { getLocale, getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
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
      <DataTable columns={[t("category"), t("principle"), t("severity"), t("ladder"), t("reason")]}>
        {rulebook.rules.map((rule) => (
          <Row key={rule.id}>
            <Cell className="font-medium">{categoryName(rule.category, locale)}</Cell>
            <Cell>{rule.principle}</Cell>
            <Cell>{t(`severities.${rule.severity}`)}</Cell>
            <Cell className="whitespace-nowrap">{ladderText(rule.ladder)}</Cell>
            <Cell className="text-slate-600">{locale === "zh" ? rule.reasonZh : rule.reasonEn}</Cell>
          </Row>
        ))}
      </DataTable>
    </>
  );
}
