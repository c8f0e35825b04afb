import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { appealCounts, appealPage, decodeCursor, isAppealStatus } from "@/lib/appeals/review-list";
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
      <nav aria-label={t("tabs")} className="mb-4 flex gap-1 border-b border-slate-200">
        {appealStatuses.map((s) => (
          <Link
            key={s}
            href={`/appeals?status=${s}`}
            aria-current={s === status ? "page" : undefined}
            data-testid={`tab-${s}`}
            className={`-mb-px rounded-t border px-4 py-2 text-sm ${s === status ? "border-slate-200 border-b-white bg-white font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t(`tab.${s}`)} <span className="ml-1 rounded-full bg-slate-100 px-2 text-xs tabular-nums">{format.number(counts[s])}</span>
          </Link>
        ))}
      </nav>
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
      <nav className="mt-4 flex gap-4 text-sm" aria-label={t("pages")}>
        {after && <Link href={`/appeals?status=${status}`} className="text-brand-700 underline">{t("first")}</Link>}
        {next && (
          <Link href={`/appeals?status=${status}&after=${encodeURIComponent(next)}`} className="text-brand-700 underline">
            {t("next")}
          </Link>
        )}
      </nav>
    </>
  );
}
