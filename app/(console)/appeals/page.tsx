import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { StatusTabs } from "@/components/ui/status-tabs";
import { appealCounts, appealPage, isAppealStatus } from "@/lib/appeals/review-list";
import { decodeCursor } from "@/lib/review/submitted-keyset";
import { appealStatuses } from "@/lib/appeals/schemas";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { AppealCard } from "./appeal-card";

export async function generateMetadata() {
  return { title: (await getTranslations("appeals"))("title") };
}

type Search = { status?: string; after?: string };

export default async function AppealsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("cases.view");
  const t = await getTranslations("appeals");
  const format = await getFormatter();
  const locale = await getLocale();
  const search = await searchParams;
  const status = isAppealStatus(search.status) ? search.status : "pending";
  const after = decodeCursor(search.after);
  const db = getDb();
  const counts = appealCounts(db);
  const { rows, next } = appealPage(db, { status, after });
  const senior = can(actor.role, "cases.decideSenior");
  const pending = status === "pending";

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <StatusTabs
        label={t("tabs")}
        current={status}
        tabs={appealStatuses.map((s) => ({ key: s, label: t(`tab.${s}`), count: format.number(counts[s]), href: `/appeals?status=${s}` }))}
      />
      {pending && !senior && rows.length > 0 && <p className="mb-3 text-sm text-slate-600">{t("readOnly")}</p>}
      {rows.length === 0 ? (
        <EmptyState title={pending ? t("emptyPending") : t("emptyDecided")}>{pending ? t("emptyPendingHint") : t("emptyDecidedHint")}</EmptyState>
      ) : (
        <ol className="space-y-4">
          {rows.map((row) => (
            <li key={row.id}>
              <AppealCard row={row} locale={locale} actorId={actor.id} senior={senior} />
            </li>
          ))}
        </ol>
      )}
      <KeysetPager
        label={t("pages")}
        first={after ? { href: `/appeals?status=${status}`, label: t("first") } : null}
        next={next ? { href: `/appeals?status=${status}&after=${encodeURIComponent(next)}`, label: t("next") } : null}
      />
    </>
  );
}
