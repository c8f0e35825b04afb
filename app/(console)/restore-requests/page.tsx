import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { StatusTabs } from "@/components/ui/status-tabs";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { isRestoreStatus, restoreCounts, restoreRequestPage } from "@/lib/restore/review-list";
import { decodeCursor } from "@/lib/review/submitted-keyset";
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
      <StatusTabs
        label={t("tabs")}
        current={status}
        tabs={restoreStatuses.map((s) => ({ key: s, label: t(`tab.${s}`), count: format.number(counts[s]), href: `/restore-requests?status=${s}` }))}
      />
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
      <KeysetPager
        label={t("pages")}
        first={after ? { href: `/restore-requests?status=${status}`, label: t("first") } : null}
        next={next ? { href: `/restore-requests?status=${status}&after=${encodeURIComponent(next)}`, label: t("next") } : null}
      />
    </>
  );
}
