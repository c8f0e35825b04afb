import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { AuditTabs } from "../audit-tabs";
import { VerifyPanel } from "./verify-panel";

export async function generateMetadata() {
  return { title: (await getTranslations("auditLog"))("verify.title") };
}

export default async function VerifyPage() {
  const actor = await requirePage("audit.verify");
  const t = await getTranslations("auditLog");
  return (
    <>
      <PageHeader title={t("verify.title")} description={t("verify.description")} />
      <AuditTabs actor={actor} current="verify" />
      <VerifyPanel />
    </>
  );
}
