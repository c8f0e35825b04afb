import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { LocalTime } from "@/components/ui/local-time";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { liveCounts } from "@/lib/operations/live-counts";
import { HomeOperations } from "./home-operations";

export async function generateMetadata() {
  return { title: (await getTranslations("home"))("title") };
}

export default async function HomePage() {
  const actor = await requirePage("cases.view");
  const t = await getTranslations("home");
  const format = await getFormatter();
  const now = new Date();
  const counts = liveCounts(getDb(), now);
  const n = (value: number) => format.number(value);
  return (
    <>
      <PageHeader title={t("greeting", { name: actor.name })} description={t("description")} />
      <section aria-label={t("countsLabel")} className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard label={t("openCases")} value={n(counts.openCases)} href="/queue" testId="count-open-cases" />
        <StatCard label={t("escalated")} value={n(counts.escalated)} href="/queue" testId="count-escalated" />
        <StatCard label={t("reportsLast24h")} value={n(counts.reportsLast24h)} testId="count-reports-24h" />
        <StatCard label={t("blocksInForce")} value={n(counts.blocksInForce)} testId="count-blocks" />
      </section>
      <p className="mt-4 text-xs text-slate-500">
        {t("asOf")} <LocalTime iso={now.toISOString()} withSeconds /> ({actor.timeZone})
      </p>
      <HomeOperations />
    </>
  );
}
