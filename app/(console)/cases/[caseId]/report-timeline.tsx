import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { reportTimeline } from "@/lib/cases/case-detail";
import { getDb } from "@/lib/db";
import { categoryName } from "@/lib/rules/category-name";

/** Every report on the case, newest first, 50 at a time, with each reporter's track record. */
export async function ReportTimeline({ caseId, before, queue }: { caseId: number; before?: number; queue: string | null }) {
  const t = await getTranslations("case.timeline");
  const locale = await getLocale();
  const { reports, nextBefore } = reportTimeline(getDb(), caseId, before);
  const older = new URLSearchParams({ ...(queue ? { queue } : {}), ...(nextBefore ? { reportsBefore: String(nextBefore) } : {}) });
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="font-semibold">{t("heading")}</h2>
      {reports.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ol className="mt-2 space-y-3 border-l border-slate-200 pl-4" data-testid="report-timeline">
          {reports.map((r) => {
            const record = r.trackRecord;
            return (
              <li key={r.id} className="text-sm">
                <p className="text-slate-500">
                  <LocalTime iso={r.createdAt} /> · {t(`sources.${r.source}`)} · {t(`scenes.${r.scene}`)}
                  {r.afterDecision && ` · ${t("afterDecision")}`}
                </p>
                <p className="font-medium">{categoryName(r.category, locale)}</p>
                {r.description && <p className="whitespace-pre-wrap text-slate-700">{r.description}</p>}
                <p className="break-all font-mono text-xs text-slate-500">{r.rawUrl}</p>
                <p className="text-xs text-slate-600" data-testid="track-record">
                  {record.decided === 0
                    ? t("noTrackRecord")
                    : t("trackRecord", { confirmed: record.confirmed, decided: record.decided, share: Math.round((100 * record.confirmed) / record.decided) })}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {nextBefore && (
        <Link className="mt-3 inline-block text-sm text-brand-700 underline" href={`/cases/${caseId}?${older}`}>{t("older")}</Link>
      )}
    </section>
  );
}
