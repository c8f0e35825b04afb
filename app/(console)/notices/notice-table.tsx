import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { NoticeStateBadge } from "@/components/notices/notice-state-badge";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { MAX_ANSWER_LENGTH } from "@/lib/notices/answer-notice";
import type { NoticeRow } from "@/lib/notices/notice-list";
import { categoryName } from "@/lib/rules/category-name";
import { AnswerForm } from "./answer-form";

/** The notices of one page of the list; managers answer an unanswered one in its row. */
export async function NoticeTable({ rows, canAnswer }: { rows: NoticeRow[]; canAnswer: boolean }) {
  const t = await getTranslations("notices");
  const locale = await getLocale();
  return (
    <DataTable columns={[t("platform"), t("case"), t("decision"), t("deadlineAt"), t("state"), t("answer")]}>
      {rows.map((notice) => {
        const overdue = notice.state === "overdue";
        return (
          <Row key={notice.id} testId={`notice-${notice.id}`}>
            <Cell className="whitespace-nowrap">
              <Link className="text-brand-700 hover:underline" href={`/platforms/${notice.platformId}`}>
                {locale === "zh" ? notice.platformNameZh : notice.platformName}
              </Link>
            </Cell>
            <Cell>
              <Link className="whitespace-nowrap font-medium text-brand-700 hover:underline" href={`/cases/${notice.caseId}`}>
                {t("caseNumber", { id: notice.caseId })}
              </Link>
              <div className="font-mono text-xs text-slate-500">{notice.registrableDomain}</div>
            </Cell>
            <Cell className="min-w-40">
              {notice.category ? categoryName(notice.category, locale) : "—"}
              <div className="text-xs text-slate-500">{t(`levels.${notice.level}`)}</div>
            </Cell>
            <Cell className="whitespace-nowrap">
              <span className={overdue ? "font-semibold text-red-700" : ""}><LocalTime iso={notice.deadlineAt} /></span>
              <div className="text-xs text-slate-500">{t("sentOn")} <LocalTime iso={notice.sentAt} /></div>
            </Cell>
            <Cell><NoticeStateBadge state={notice.state} /></Cell>
            <Cell className="min-w-72 max-w-md">
              {notice.answeredAt !== null ? (
                <>
                  <p className="whitespace-pre-wrap break-words">{notice.answer}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {notice.answeredByClientName !== null
                      ? t("answeredByClient", { name: notice.answeredByClientName })
                      : t("answeredByStaff", { name: notice.answeredByUserName ?? "—" })}
                    {" · "}
                    <LocalTime iso={notice.answeredAt} />
                  </p>
                </>
              ) : canAnswer ? (
                <AnswerForm noticeId={notice.id} maxLength={MAX_ANSWER_LENGTH} />
              ) : (
                <span className="text-slate-500">{t("awaitingAnswer")}</span>
              )}
            </Cell>
          </Row>
        );
      })}
    </DataTable>
  );
}
