import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { caseSummary } from "@/lib/cases/case-summary";
import { getDb } from "@/lib/db";
import { categoryName } from "@/lib/rules/category-name";

export default async function CasePage({ params }: { params: Promise<{ caseId: string }> }) {
  await requirePage("cases.view");
  const { caseId } = await params;
  const id = Number(caseId);
  const summary = Number.isInteger(id) && id > 0 ? caseSummary(getDb(), id) : undefined;
  if (!summary) notFound();
  const t = await getTranslations("case");
  const locale = await getLocale();
  const rows: [string, React.ReactNode][] = [
    [t("link"), <span key="l" className="break-all font-mono text-sm">{summary.canonicalUrl}</span>],
    [t("domain"), summary.registrableDomain],
    [t("platform"), (locale === "zh" ? summary.platformNameZh : summary.platformName) ?? t("unattributed")],
    [t("status"), t(`statuses.${summary.status}`)],
    [t("claimedCategory"), categoryName(summary.claimedCategory, locale)],
    [t("reports"), summary.reportCount],
    [t("variants"), summary.variants],
    [t("openedAt"), <LocalTime key="o" iso={summary.openedAt} />],
    [t("lastReportAt"), <LocalTime key="r" iso={summary.lastReportAt} />],
  ];
  return (
    <>
      <PageHeader title={t("title", { id: summary.id })} description={t("reviewNotYet")} />
      <dl className="grid max-w-3xl grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
