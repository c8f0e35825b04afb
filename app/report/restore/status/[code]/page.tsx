import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { getDb } from "@/lib/db";
import { trackingCodePattern } from "@/lib/reports/tracking-code";
import { restoreStatusByCode } from "@/lib/restore/status-view";

export async function generateMetadata() {
  return { title: (await getTranslations("restore"))("statusTitle") };
}

const steps = ["received", "reviewed"] as const;

/** A restore request by its tracking code: progress and the public outcome, never the review note. */
export default async function RestoreStatusPage({ params }: { params: Promise<{ code: string }> }) {
  const t = await getTranslations("restore");
  const code = decodeURIComponent((await params).code).trim().toUpperCase();
  const request = trackingCodePattern.test(code) ? restoreStatusByCode(getDb(), code) : null;
  if (!request) {
    return (
      <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="status-unknown">
        <h1 className="text-xl font-semibold">{t("unknownCode")}</h1>
        <p className="mt-2 text-slate-600">{t("unknownCodeHelp", { code })}</p>
        <Link href="/report/restore" className="mt-3 inline-block text-brand-700 underline">{t("backToForm")}</Link>
      </section>
    );
  }
  const reached = request.status === "pending" ? 0 : 1;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h1 className="text-xl font-semibold">{t("statusTitle")}</h1>
      <p className="mt-1 font-mono text-slate-600">{request.trackingCode}</p>
      <ol className="mt-5 grid grid-cols-2 gap-2" aria-label={t("progress")}>
        {steps.map((step, i) => (
          <li
            key={step}
            aria-current={i === reached ? "step" : undefined}
            className={`rounded border px-3 py-2 text-center text-sm ${i <= reached ? "border-brand-600 bg-brand-50 font-medium text-brand-900" : "border-slate-200 text-slate-500"}`}
          >
            {t(`steps.${step}`)}
          </li>
        ))}
      </ol>
      <div className="mt-4 rounded border border-slate-200 bg-slate-50 p-4" data-testid="restore-outcome">
        <p className="font-medium" data-testid="restore-status">{t(`statuses.${request.status}`)}</p>
        <p className="mt-1">{t(`outcomes.${request.outcome ?? "pending"}`)}</p>
      </div>
      <dl className="mt-5 grid grid-cols-[9rem_1fr] gap-y-2 text-sm">
        <dt className="text-slate-500">{t("link")}</dt>
        <dd className="break-all font-mono">{request.canonicalUrl}</dd>
        <dt className="text-slate-500">{t("requesterLabel")}</dt>
        <dd>{t(`requesters.${request.requester}`)}</dd>
        <dt className="text-slate-500">{t("submittedAt")}</dt>
        <dd><LocalTime iso={request.submittedAt} /></dd>
        <dt className="text-slate-500">{t("reviewedAt")}</dt>
        <dd><LocalTime iso={request.reviewedAt} /></dd>
      </dl>
    </section>
  );
}
