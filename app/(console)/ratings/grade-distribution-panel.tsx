import { getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { ChartPanel } from "@/components/charts/chart-panel";
import { GRADE_COLORS } from "@/components/charts/palette";
import { gradeDistribution } from "@/lib/ratings/league-stats";
import { loadLeague } from "./load-league";

/** How many platforms have each computed grade on their latest snapshot. */
export async function GradeDistributionPanel() {
  const t = await getTranslations("ratingBoard");
  const { rows } = loadLeague();
  const counts = gradeDistribution(rows);
  const chartRows = counts.map((c) => ({ grade: c.grade, platforms: c.platforms }));
  return (
    <ChartPanel
      title={t("distributionTitle")}
      description={t("distributionDescription")}
      filename="grade-distribution"
      columns={[
        { key: "grade", label: t("colGrade"), kind: "text" },
        { key: "platforms", label: t("platformsCount"), kind: "number" },
      ]}
      rows={counts.every((c) => c.platforms === 0) ? [] : chartRows}
      testId="grade-distribution"
    >
      <BarChart
        title={t("distributionTitle")}
        rows={chartRows}
        x="grade"
        series={[{ key: "platforms", label: t("platformsCount") }]}
        rowColors={counts.map((c) => GRADE_COLORS[c.grade])}
      />
    </ChartPanel>
  );
}
