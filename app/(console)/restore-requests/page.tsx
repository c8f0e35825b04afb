import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { decodeCursor, isRestoreStatus, restoreCounts, restoreRequestPage } from "@/lib/restore/review-list";
import { restoreStatuses } from "@/lib/restore/schemas";
import { RestoreRequestCard } from "./restore-request-card";

export async function generateMetadata() {
  return { title: (await getTranslations("restore.console"))("title") };
}

type Search = { status?: string; after?: string };

export default async function RestoreRequestsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("cases.view");
  const t = await getTranslations("restore.console");
  const format = await getFormatter();
  const locale = await getLocale();
  const search = await searchParams;
  const status = isRestoreStatus(search.status) ? search.status : "pending";
  const after = decodeCursor(search.after);
  const db = getDb();
  const counts = restoreCounts(db);
  const { rows, next } = restoreRequestPage(db, { status, after });
  const canReview = can(actor.role, "restore.review");
  const pending = status === "pending";

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <nav aria-label={t("tabs")} className="mb-4 flex gap-1 border-b border-slate-200">
        {restoreStatuses.map((s) => (
          <Link
            key={s}
            href={`/restore-requests?status=${s}`}
            aria-current={s === status ? "page" : undefined}
            data-testid={`tab-${s}`}
            className={`-mb-px rounded-t border px-4 py-2 text-sm ${s === status ? "border-slate-200 border-b-white bg-white font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(`tab.${s}`)} <span className="ml-1 rounded-full bg-slate-100 px-2 text-xs tabular-nums">{format.number(counts[s])}</span>
          </Link>
        ))}
      </nav>
      {pending && !canReview && rows.length > 0 && <p className="mb-3 text-sm text-slate-600">{t("readOnly")}</p>}
      {rows.length === 0 ? (
        <EmptyState title={pending ? t("emptyPending") : t("emptyReviewed")}>{pending ? t("emptyPendingHint") : t("emptyReviewedHint")}</EmptyState>
      ) : (
        <ol className="space-y-4">
          {rows.map((row) => (
            <li key={row.id}>
              <RestoreRequestCard row={row} locale={locale} canReview={canReview} />
            </li>
          ))}
        </ol>
      )}
      <nav className="mt-4 flex gap-4 text-sm" aria-label={t("pages")}>
        {after && <Link href={`/restore-requests?status=${status}`} className="text-brand-700 underline">{t("first")}</Link>}
        {next && (
          <Link href={`/restore-requests?status=${status}&after=${encodeURIComponent(next)}`} className="text-brand-700 underline">
            {t("next")}
          </Link>
        )}
      </nav>
    </>
  );
}
