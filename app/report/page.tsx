import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { categories } from "@/lib/rules/categories";
import { ReportForm } from "./report-form";
import { StatusLookup } from "./status-lookup";

export async function generateMetadata() {
  return { title: (await getTranslations("report"))("title") };
}

export default async function ReportPage() {
  const t = await getTranslations("report");
  const locale = await getLocale();
  const reasons = categories.map((c) => ({ code: c.code, name: locale === "zh" ? c.nameZh : c.nameEn }));
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 mb-6 text-slate-600">{t("intro")}</p>
      <ReportForm reasons={reasons} />
      <StatusLookup />
      <p className="mt-6 text-sm text-slate-600">
        {t("restorePrompt")}{" "}
        <Link href="/report/restore" className="text-brand-700 underline">{t("restoreLink")}</Link>
      </p>
    </>
  );
}
