import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import type { RestoreRow } from "@/lib/restore/review-list";
import { categoryName } from "@/lib/rules/category-name";
import { appliesAt } from "@/lib/verdicts/in-force";
import { ReviewForm } from "./review-form";

function verdictState(verdict: RestoreRow["verdict"], now: string) {
  if (verdict.liftedAt) return "lifted" as const;
  return appliesAt(verdict, now) ? ("in_force" as const) : ("expired" as const);
}

/** One restore request: the link, the verdict it asks to lift, who asks and why, and the review. */
export async function RestoreRequestCard({ row, locale, canReview }: { row: RestoreRow; locale: string; canReview: boolean }) {
  const t = await getTranslations("restore");
  const state = verdictState(row.verdict, new Date().toISOString());
  const level = `${row.verdict.level} ${t(`levels.${row.verdict.level}`)}`;
  const platform = row.platformName === null || row.platformIsIndependent ? t("console.unattributed") : locale === "zh" ? row.platformNameZh : row.platformName;
  const facts: [string, React.ReactNode][] = [
    [t("console.link"), <span key="l" className="break-all font-mono">{row.canonicalUrl}</span>],
    [t("console.platform"), platform],
    [
      t("console.verdict"),
      <span key="v">
        <span className="font-medium">{level} · {categoryName(row.verdict.category, locale)}</span>
        {row.verdict.scope === "domain" && <span className="text-slate-600"> · {t("console.domainScope", { domain: row.verdict.domain ?? "" })}</span>}
        <span
          className={`ml-2 rounded px-2 py-0.5 text-xs ${state === "in_force" ? "bg-red-50 text-red-800" : "bg-slate-100 text-slate-700"}`}
          data-testid="verdict-state"
        >
          {t(`console.verdictState.${state}`)}
        </span>
      </span>,
    ],
    [t("console.since"), <LocalTime key="s" iso={row.verdict.startsAt} />],
    [t("console.expires"), row.verdict.expiresAt ? <LocalTime key="e" iso={row.verdict.expiresAt} /> : t("console.untilLifted")],
    [
      t("console.decisionCase"),
      <Link key="c" href={`/cases/${row.caseId}`} className="text-brand-700 underline">{t("console.caseLink", { id: row.caseId })}</Link>,
    ],
    [t("console.requester"), `${t(`requesters.${row.requester}`)} · ${t(`console.source.${row.source}`)}`],
    [t("console.contact"), <span key="ct" className="break-all">{row.contact}</span>],
    [t("console.submitted"), <LocalTime key="sub" iso={row.submittedAt} />],
  ];
  if (row.status !== "pending") {
    facts.push([
      t("console.reviewed"),
      <span key="r"><LocalTime iso={row.reviewedAt} /> {row.reviewerName && t("console.reviewedBy", { name: row.reviewerName })}</span>,
    ]);
  }
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`restore-${row.id}`} data-testid={`restore-${row.trackingCode}`}>
      <h2 id={`restore-${row.id}`} className="font-mono text-sm text-slate-600">{t("console.request", { code: row.trackingCode })}</h2>
      <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-3 text-sm font-medium">{t("console.explanation")}</h3>
      <p className="mt-1 whitespace-pre-line rounded bg-slate-50 p-3 text-sm">{row.explanation}</p>
      {row.status !== "pending" && row.reviewNote && (
        <>
          <h3 className="mt-3 text-sm font-medium">{t("console.reviewNote")}</h3>
          <p className="mt-1 whitespace-pre-line text-sm">{row.reviewNote}</p>
        </>
      )}
      {row.status === "pending" && canReview && <ReviewForm restoreRequestId={row.id} level={level} />}
    </article>
  );
}
