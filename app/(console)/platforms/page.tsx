import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { platformList } from "@/lib/platforms/platform-list";

export async function generateMetadata() {
  return { title: (await getTranslations("platforms"))("title") };
}

export default async function PlatformsPage() {
  await requirePage("platforms.view");
  const t = await getTranslations("platforms");
  const locale = await getLocale();
  const format = await getFormatter();
  const rows = platformList(getDb());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {rows.length === 0 ? (
        <EmptyState title={t("none")} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("name")}</th>
                <th scope="col" className="px-3 py-2">{t("kind")}</th>
                <th scope="col" className="px-3 py-2">{t("domains")}</th>
                <th scope="col" className="px-3 py-2">{t("shortLinks")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("links")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-medium">{locale === "zh" ? p.nameZh : p.name}</td>
                  <td className="px-3 py-2">{t(`kinds.${p.kind}`)}</td>
                  <td className="px-3 py-2 font-mono text-xs">{p.isIndependent ? t("independentNote") : p.domains}</td>
                  <td className="px-3 py-2 font-mono text-xs">{p.shortLinkDomains ?? "—"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{format.number(p.links)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
