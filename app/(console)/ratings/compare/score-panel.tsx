import { getLocale, getTranslations } from "next-intl/server";
import { ChartPanel } from "@/components/charts/chart-panel";
import { gradeBands } from "@/components/charts/grade-bands";
import { seriesColor } from "@/components/charts/palette";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { COMPARE_DAYS, scoreKey } from "@/lib/ratings/compare";
import { loadComparison } from "./load-comparison";

/** The chosen platforms' daily scores on one chart, the grade bands behind them. */
export async function ScorePanel({ ids }: { ids: number[] }) {
  const t = await getTranslations("ratingBoard");
  const locale = await getLocale();
  const { platforms, scores } = loadComparison(ids);
  const series = platforms.map((p, i) => ({ key: scoreKey(p.id), label: locale === "zh" ? p.nameZh : p.name, color: seriesColor(i) }));
  return (
    <ChartPanel
      title={t("scoresTitle", { days: COMPARE_DAYS })}
      description={t("scoresDescription")}
      filename="platform-scores"
      columns={[{ key: "day", label: t("colDay"), kind: "date" }, ...series.map((s) => ({ key: s.key, label: s.label, kind: "number" as const }))]}
      rows={scores}
      emptyMessage={t("noSnapshotsChosen")}
      testId="compare-scores"
    >
      <TimeSeriesChart
        title={t("scoresTitle", { days: COMPARE_DAYS })}
        rows={scores}
        x="day"
        series={series}
        bands={gradeBands((g) => t("band", { grade: g }))}
        yDomain={[0, 100]}
        height={320}
      />
    </ChartPanel>
  );
}
