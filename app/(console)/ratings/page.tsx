import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ChartErrorBoundary } from "@/components/charts/chart-error-boundary";
import { ChartSkeleton } from "@/components/charts/chart-skeleton";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { parseLeagueSort, sortLeague } from "@/lib/ratings/league-stats";
import { GradeDistributionPanel } from "./grade-distribution-panel";
import { LeagueTable } from "./league-table";
import { loadLeague } from "./load-league";
import { Movers } from "./movers";

export async function generateMetadata() {
  return { title: (await getTranslations("ratings"))("title") };
}

type Search = { sort?: string | string[]; dir?: string | string[] };

export default async function RatingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("ratings.view");
  const t = await getTranslations("ratingBoard");
  const tRatings = await getTranslations("ratings");
  const locale = await getLocale();
  const search = await searchParams;
  const league = loadLeague();
  const header = (
    <PageHeader
      title={tRatings("title")}
      description={tRatings("description")}
      actions={
        league.latestDay && (
          <Link href="/ratings/compare" className="shrink-0 rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-brand-700 hover:border-brand-600">
            {t("compare")}
          </Link>
        )
      }
    />
  );
  if (league.latestDay === null) {
    return (
      <>
        {header}
        <EmptyState title={tRatings("none")}>
          <p>{t("noneExplain")}</p>
          {(can(actor.role, "ratings.override") || can(actor.role, "staff.manage")) && (
            <p className="mt-2" data-testid="ratings-compute-hint">
              {t("runCompute")} <code className="rounded bg-slate-100 px-1 font-mono text-xs">npm run ratings:compute</code>
            </p>
          )}
        </EmptyState>
      </>
    );
  }
  const sort = parseLeagueSort(search.sort, search.dir);
  // Sorted by the name the viewer reads.
  const named = locale === "zh" ? league.rows.map((r) => ({ ...r, name: r.nameZh })) : league.rows;
  const rows = sortLeague(named, sort, new Intl.Collator(locale === "zh" ? "zh-CN" : "en"));
  return (
    <>
      {header}
      <p className="mb-4 text-sm text-slate-600" data-testid="ratings-as-of">{t("asOf", { day: league.latestDay })}</p>
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <ChartErrorBoundary>
          <Suspense fallback={<ChartSkeleton />}>
            <GradeDistributionPanel />
          </Suspense>
        </ChartErrorBoundary>
        <Movers />
      </div>
      <h2 className="mb-3 text-lg font-medium">{t("leagueTitle")}</h2>
      <LeagueTable rows={rows} sort={sort} />
      <p className="mt-2 text-xs text-slate-500">{t("leagueNote")}</p>
    </>
  );
}
