// The platform page's rating section: the grade in force (computed, with any override beside it),
// the override controls for managers, why the grade is what it is, the charts and the latest
// confirmed cases. Each chart loads in its own Suspense boundary and fails on its own.
import { getTranslations } from "next-intl/server";
import { type ReactNode, Suspense } from "react";
import { ChartErrorBoundary } from "@/components/charts/chart-error-boundary";
import { ChartSkeleton } from "@/components/charts/chart-skeleton";
import { GradeBadge } from "@/components/charts/grade-badge";
import { LocalTime } from "@/components/ui/local-time";
import { getDb } from "@/lib/db";
import { MIN_OVERRIDE_REASON } from "@/lib/ratings/override";
import { overrideInForce } from "@/lib/ratings/platform-report";
import { EndOverrideButton } from "./end-override-button";
import { OverrideForm } from "./override-form";
import { CategoryWeeksChart, ComponentsChart, RectificationChart, ScoreChart } from "./rating-charts";
import { platformHistory } from "./rating-data";
import { RecentCases } from "./recent-cases";
import { WhyPanel } from "./why-panel";

function Loading({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <ChartErrorBoundary testId={`${testId}-error`}>
      <Suspense fallback={<ChartSkeleton testId={`${testId}-loading`} />}>{children}</Suspense>
    </ChartErrorBoundary>
  );
}

type Props = { platform: { id: number; slug: string; name: string }; canOverride: boolean };

export async function PlatformRating({ platform, canOverride }: Props) {
  const t = await getTranslations("platformRating");
  const latest = platformHistory(platform.id).at(-1) ?? null;
  const override = overrideInForce(getDb(), platform.id, new Date());
  const chart = { platformId: platform.id, slug: platform.slug };
  return (
    <section aria-labelledby="rating-title" className="mb-8 space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="rating-title" className="text-lg font-medium">{t("title")}</h2>
        <GradeBadge grade={latest?.grade ?? null} provisional={latest?.provisional} cappedAtC={latest?.cappedAtC} override={override?.grade ?? null} testId="platform-grade" />
        {latest && <span className="text-sm text-slate-600">{t("scoreOn", { score: latest.score.toFixed(1), day: latest.day })}</span>}
      </div>
      {override && (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-slate-400 bg-white px-4 py-3 text-sm" data-testid="override-in-force">
          <p className="min-w-0 flex-1">
            {t("override.inForce", { grade: override.grade, by: override.createdByName ?? "—" })}{" "}
            <LocalTime iso={override.endsAt} />. {t("override.reasonWas")} <q className="italic">{override.reason}</q>
          </p>
          {canOverride && <EndOverrideButton platformId={platform.id} grade={override.grade} />}
        </div>
      )}
      {canOverride && <OverrideForm platformId={platform.id} computedGrade={latest?.grade ?? null} platformName={platform.name} minReason={MIN_OVERRIDE_REASON} />}
      <Loading testId="why">
        <WhyPanel platformId={platform.id} />
      </Loading>
      <div className="grid gap-4 xl:grid-cols-2">
        <Loading testId="chart-score">
          <ScoreChart {...chart} />
        </Loading>
        <Loading testId="chart-components">
          <ComponentsChart {...chart} />
        </Loading>
        <Loading testId="chart-weekly">
          <CategoryWeeksChart {...chart} />
        </Loading>
        <Loading testId="chart-rectification">
          <RectificationChart {...chart} />
        </Loading>
      </div>
      <RecentCases platformId={platform.id} />
    </section>
  );
}
