import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { snapshotCount } from "@/lib/ratings/snapshot-count";

export async function generateMetadata() {
  return { title: (await getTranslations("ratings"))("title") };
}

export default async function RatingsPage() {
  await requirePage("ratings.view");
  const t = await getTranslations("ratings");
  const snapshots = snapshotCount(getDb());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={snapshots === 0 ? t("none") : t("notYet")}>{t("explain")}</EmptyState>
    </>
  );
}
