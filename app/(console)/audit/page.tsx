import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { recentEvents } from "@/lib/audit/recent-events";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  await requirePage("audit.search");
  const t = await getTranslations("audit");
  const before = Number((await searchParams).before);
  const { rows, nextBefore } = recentEvents(getDb(), Number.isInteger(before) && before > 0 ? before : undefined);
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
                <th scope="col" className="px-3 py-2">{t("seq")}</th>
                <th scope="col" className="px-3 py-2">{t("at")}</th>
                <th scope="col" className="px-3 py-2">{t("actor")}</th>
                <th scope="col" className="px-3 py-2">{t("action")}</th>
                <th scope="col" className="px-3 py-2">{t("target")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.seq} className="border-t border-slate-100">
                  <td className="px-3 py-2 tabular-nums">{e.seq}</td>
                  <td className="px-3 py-2 whitespace-nowrap"><LocalTime iso={e.at} withSeconds /></td>
                  <td className="px-3 py-2">{e.actorName ?? t("system")}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.targetType}{e.targetId ? ` #${e.targetId}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="mt-3 flex gap-4 text-sm" aria-label={t("pages")}>
        {before > 0 && <Link href="/audit" className="text-brand-700 underline">{t("newest")}</Link>}
        {nextBefore && <Link href={`/audit?before=${nextBefore}`} className="text-brand-700 underline">{t("older")}</Link>}
      </nav>
    </>
  );
}
