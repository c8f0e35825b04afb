import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { NoticeStateBadge } from "@/components/notices/notice-state-badge";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { getDb } from "@/lib/db";
import { noticeState } from "@/lib/notices/notice-state";
import { RECENT_CASES, recentConfirmedCases } from "@/lib/ratings/platform-report";
import { categoryName } from "@/lib/rules/category-name";

/** The platform's latest confirmed violations, each with where its rectification notice stands. */
export async function RecentCases({ platformId }: { platformId: number }) {
  const t = await getTranslations("platformRating");
  const locale = await getLocale();
  const rows = recentConfirmedCases(getDb(), platformId, RECENT_CASES);
  const now = new Date().toISOString();
  return (
    <section aria-labelledby="recent-cases-title">
      <h2 id="recent-cases-title" className="text-lg font-medium">{t("recent.title")}</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t("recent.description", { count: RECENT_CASES })}</p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">{t("recent.none")}</p>
      ) : (
        <DataTable columns={[t("recent.case"), t("recent.category"), t("recent.decidedAt"), t("recent.notice")]}>
          {rows.map((r) => (
            <Row key={r.decisionId} testId={`recent-case-${r.caseId}`}>
              <Cell>
                <Link className="font-medium text-brand-700 hover:underline" href={`/cases/${r.caseId}`}>
                  {t("recent.caseNumber", { id: r.caseId })}
                </Link>
                <span className="ml-2 break-all font-mono text-xs text-slate-500">{r.canonicalUrl}</span>
              </Cell>
              <Cell>{r.category ? categoryName(r.category, locale) : "—"} · {r.level}</Cell>
              <Cell className="whitespace-nowrap"><LocalTime iso={r.decidedAt} /></Cell>
              <Cell><NoticeStateBadge state={noticeState(r, now)} /></Cell>
            </Row>
          ))}
        </DataTable>
      )}
    </section>
  );
}
