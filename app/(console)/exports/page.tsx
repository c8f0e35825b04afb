import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getSqlite } from "@/lib/db";
import { ExportForm } from "./export-form";

export async function generateMetadata() {
  return { title: (await getTranslations("exports"))("title") };
}

export default async function ExportsPage() {
  const actor = await requirePage("exports.decisions");
  const t = await getTranslations("exportCenter");
  const locale = await getLocale();
  const kinds = (["decisions", "events"] as const).filter((k) => can(actor.role, k === "decisions" ? "exports.decisions" : "exports.events"));
  const platforms = (getSqlite().prepare("select slug, name, name_zh as nameZh from platforms order by name").all() as { slug: string; name: string; nameZh: string }[]).map((p) => ({
    slug: p.slug,
    label: locale === "zh" ? p.nameZh : p.name,
  }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ExportForm kinds={[...kinds]} platforms={platforms} />
      <section className="mt-6 text-sm text-slate-700">
        <h2 className="mb-2 text-lg font-medium text-slate-900">{t("aboutTitle")}</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>{t("aboutColumns")}</li>
          <li>{t("aboutCsv")}</li>
          <li>{t("aboutManifest")}</li>
          {can(actor.role, "audit.search") && (
            <li>
              <Link href="/audit/decisions" className="text-brand-700 underline">{t("moreFilters")}</Link>
            </li>
          )}
        </ul>
      </section>
    </>
  );
}
