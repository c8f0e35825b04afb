import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { NoticeStateBadge } from "@/components/notices/notice-state-badge";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { getDb } from "@/lib/db";
import { noticeCounts, noticeList } from "@/lib/notices/notice-list";
import { categoryName } from "@/lib/rules/category-name";

const SHOWN = 10;

/** The platform's unanswered rectification notices, overdue ones first; the full list is on /notices. */
export async function PlatformNotices({ platformId }: { platformId: number }) {
  const t = await getTranslations("notices");
  const locale = await getLocale();
  const format = await getFormatter();
  const now = new Date();
  const counts = noticeCounts(getDb(), { platformId, now });
  const { rows } = noticeList(getDb(), { platformId, filter: "unanswered", limit: SHOWN, now });
  const waiting = counts.open + counts.overdue;
  return (
    <section aria-labelledby="notices-title" className="mb-8">
      <h2 id="notices-title" className="text-lg font-medium">{t("platformSection.title")}</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">
        {t("platformSection.description")}{" "}
        <span data-testid="platform-notice-counts">
          {t("platformSection.summary", { open: format.number(counts.open), overdue: format.number(counts.overdue) })}
        </span>
      </p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">{t("platformSection.none")}</p>
      ) : (
        <DataTable columns={[t("case"), t("decision"), t("sentAt"), t("deadlineAt"), t("state")]}>
          {rows.map((notice) => (
            <Row key={notice.id} testId={`platform-notice-${notice.id}`}>
              <Cell>
                <Link className="font-medium text-brand-700 hover:underline" href={`/cases/${notice.caseId}`}>
                  {t("caseNumber", { id: notice.caseId })}
                </Link>
                <span className="ml-2 font-mono text-xs text-slate-500">{notice.registrableDomain}</span>
              </Cell>
              <Cell>
                {notice.category ? categoryName(notice.category, locale) : "—"} · {t(`levels.${notice.level}`)}
              </Cell>
              <Cell className="whitespace-nowrap"><LocalTime iso={notice.sentAt} /></Cell>
              <Cell className={`whitespace-nowrap ${notice.state === "overdue" ? "font-semibold text-red-700" : ""}`}>
                <LocalTime iso={notice.deadlineAt} />
              </Cell>
              <Cell><NoticeStateBadge state={notice.state} /></Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <p className="mt-2 text-sm">
        <Link className="text-brand-700 underline" href={`/notices?platform=${platformId}`}>{t("platformSection.more")}</Link>
        {waiting > rows.length && <span className="ml-2 text-slate-500">({t("platformSection.moreCount", { count: format.number(waiting - rows.length) })})</span>}
      </p>
    </section>
  );
}
