import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { liveCounts } from "@/lib/operations/live-counts";

export async function generateMetadata() {
  return { title: (await getTranslations("queue"))("title") };
}

export default async function QueuePage() {
  await requirePage("cases.view");
  const t = await getTranslations("queue");
  const format = await getFormatter();
  const counts = liveCounts(getDb());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("notYet")}>
        {t("waiting", { open: format.number(counts.openCases), escalated: format.number(counts.escalated) })}
      </EmptyState>
    </>
  );
}
