import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ChartErrorBoundary } from "@/components/charts/chart-error-boundary";
import { ChartSkeleton } from "@/components/charts/chart-skeleton";
import { GradeBadge } from "@/components/charts/grade-badge";
import { seriesColor } from "@/components/charts/palette";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { MAX_COMPARE, comparablePlatforms, parseCompareSelection } from "@/lib/ratings/compare";
import { ComponentsPanel } from "./components-panel";
import { loadComparison } from "./load-comparison";
import { PlatformPicker } from "./platform-picker";
import { ScorePanel } from "./score-panel";

export async function generateMetadata() {
  return { title: (await getTranslations("ratingBoard"))("compareTitle") };
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<{ platforms?: string | string[] }> }) {
  await requirePage("ratings.view");
  const t = await getTranslations("ratingBoard");
  const locale = await getLocale();
  const selection = parseCompareSelection((await searchParams).platforms);
  const choices = comparablePlatforms(getDb());
  const header = (
    <PageHeader
      title={t("compareTitle")}
      description={t("compareDescription")}
      actions={<Link href="/ratings" className="shrink-0 rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-brand-700 hover:border-brand-600">{t("backToLeague")}</Link>}
    />
  );
  if (selection.error) {
    return (
      <>
        {header}
        <p role="alert" className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="compare-error">
          {selection.error === "tooMany" ? t("tooMany", { count: selection.ids.length, max: MAX_COMPARE }) : t("invalidSelection")}
        </p>
        <PlatformPicker choices={choices} chosen={selection.ids} />
      </>
    );
  }
  const comparison = selection.ids.length > 0 ? loadComparison(selection.ids) : null;
  const ids = comparison?.platforms.map((p) => p.id) ?? [];
  return (
    <>
      {header}
      <PlatformPicker choices={choices} chosen={ids} />
      {comparison && comparison.unknown.length > 0 && (
        <p role="alert" className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="compare-unknown">
          {t("unknownPlatforms", { ids: comparison.unknown.join(", ") })}
        </p>
      )}
      {ids.length === 0 ? (
        <EmptyState title={t("chooseTitle")}>{t("chooseExplain", { max: MAX_COMPARE })}</EmptyState>
      ) : (
        <>
          <ul className="mb-4 flex flex-wrap gap-3" data-testid="compare-chosen">
            {comparison!.platforms.map((p, i) => (
              <li key={p.id} className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm">
                {/* The colour of this platform's line and bars below. */}
                <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: seriesColor(i) }} />
                <Link href={`/platforms/${p.id}`} className="font-medium text-brand-700 hover:underline">{locale === "zh" ? p.nameZh : p.name}</Link>
                <GradeBadge grade={p.latest?.grade ?? null} provisional={p.latest?.provisional} cappedAtC={p.latest?.cappedAtC} override={p.override?.grade ?? null} />
                {p.latest && <span className="tabular-nums text-slate-700">{p.latest.score.toFixed(1)}</span>}
              </li>
            ))}
          </ul>
          <div className="grid gap-6">
            <ChartErrorBoundary>
              <Suspense fallback={<ChartSkeleton />}>
                <ScorePanel ids={ids} />
              </Suspense>
            </ChartErrorBoundary>
            <ChartErrorBoundary>
              <Suspense fallback={<ChartSkeleton />}>
                <ComponentsPanel ids={ids} />
              </Suspense>
            </ChartErrorBoundary>
          </div>
        </>
      )}
    </>
  );
}
