import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";

export async function generateMetadata() {
  return { title: (await getTranslations("exports"))("title") };
}

export default async function ExportsPage() {
  await requirePage("exports.decisions");
  const t = await getTranslations("exports");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState title={t("notYet")}>{t("explain")}</EmptyState>
    </>
  );
}
