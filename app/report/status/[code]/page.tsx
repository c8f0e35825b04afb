import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { getDb } from "@/lib/db";
import { reportIdByTrackingCode, reportView } from "@/lib/reports/report-view";
import { restoreStatusByCode } from "@/lib/restore/status-view";
import { trackingCodePattern } from "@/lib/reports/tracking-code";
import { categoryName } from "@/lib/rules/category-name";

export async function generateMetadata() {
  return { title: (await getTranslations("report"))("statusTitle") };
}

const steps = ["received", "in_review", "decided"] as const;

export default async function ReportStatusPage({ params }: { params: Promise<{ code: string }> }) {
  const t = await getTranslations("report");
  const locale = await getLocale();
  const code = decodeURIComponent((await params).code).trim().toUpperCase();
  const id = trackingCodePattern.test(code) ? reportIdByTrackingCode(getDb(), code) : null;
  const report = id ? reportView(getDb(), id) : null;
  // Restore requests share the code format; a restore code typed here goes to its own status page.
  if (!report && trackingCodePattern.test(code) && restoreStatusByCode(getDb(), code)) redirect(`/report/restore/status/${code}`);
  if (!report) {
    return (
      <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="status-unknown">
        <h1 className="text-xl font-semibold">{t("unknownCode")}</h1>
        <p className="mt-2 text-slate-600">{t("unknownCodeHelp", { code })}</p>
        <Link href="/report" className="mt-3 inline-block text-brand-700 underline">{t("backToPortal")}</Link>
      </section>
    );
  }
  const reached = steps.indexOf(report.status);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h1 className="text-xl font-semibold">{t("statusTitle")}</h1>
      <p className="mt-1 font-mono text-slate-600">{report.trackingCode}</p>
      <ol className="mt-5 grid grid-cols-3 gap-2" aria-label={t("progress")}>
        {steps.map((step, i) => (
          <li
            key={step}
            aria-current={i === reached ? "step" : undefined}
            className={`rounded border px-3 py-2 text-center text-sm ${i <= reached ? "border-brand-600 bg-brand-50 font-medium text-brand-900" : "border-slate-200 text-slate-500"}`}
          >
            {t(`statuses.${step}`)}
          </li>
        ))}
      </ol>
      <p className="mt-4" data-testid="status-text">{t(`statusHelp.${report.status}`)}</p>
      {report.outcome && (
        <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-4" data-testid="outcome">
          <p className="font-medium">{t(`outcomes.${report.outcome.outcome}`)}</p>
          {report.outcome.publicNote && <p className="mt-2 whitespace-pre-line">{report.outcome.publicNote}</p>}
          <p className="mt-2 text-sm text-slate-500">{t("decidedAt")} <LocalTime iso={report.outcome.decidedAt} /></p>
        </div>
      )}
      <dl className="mt-5 grid grid-cols-[9rem_1fr] gap-y-2 text-sm">
        <dt className="text-slate-500">{t("link")}</dt>
        <dd className="break-all font-mono">{report.canonicalUrl}</dd>
        <dt className="text-slate-500">{t("reason")}</dt>
        <dd>{categoryName(report.category, locale)}</dd>
        <dt className="text-slate-500">{t("scene")}</dt>
        <dd>{t(`scenes.${report.scene}`)}</dd>
        <dt className="text-slate-500">{t("filedAt")}</dt>
        <dd><LocalTime iso={report.filedAt} /></dd>
      </dl>
    </section>
  );
}
