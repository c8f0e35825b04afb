import { getLocale, getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { ChartPanel } from "@/components/charts/chart-panel";
import { seriesColor } from "@/components/charts/palette";
import { scoreKey } from "@/lib/ratings/compare";
import { loadComparison } from "./load-comparison";

const COMPONENTS = ["violationRate", "rectificationRate", "repeatRate", "severityIndex"] as const;

/**
 * The four components of each platform's latest rating, side by side; the table view adds the
 * counts behind each rate, so every bar can be checked by hand (docs/ratings.md).
 */
export async function ComponentsPanel({ ids }: { ids: number[] }) {
  const t = await getTranslations("ratingBoard");
  const locale = await getLocale();
  const chosen = loadComparison(ids).platforms;
  const rated = chosen.filter((p) => p.latest !== null);
  const name = (p: (typeof rated)[number]) => (locale === "zh" ? p.nameZh : p.name);
  const chartRows = COMPONENTS.map((c) => {
    const row: Record<string, string | number | null> = { component: t(`component.${c}`) };
    for (const p of rated) row[scoreKey(p.id)] = p.latest![c];
    return row;
  });
  const tableRows = rated.map((p) => {
    const s = p.latest!;
    return {
      platform: name(p),
      day: s.day,
      score: s.score,
      grade: s.grade,
      violationRate: s.violationRate,
      confirmed: s.confirmed,
      decided: s.decided,
      rectificationRate: s.rectificationRate,
      noticesOnTime: s.noticesOnTime,
      noticesDue: s.noticesDue,
      repeatRate: s.repeatRate,
      repeatCases: s.repeatCases,
      severityIndex: s.severityIndex,
      severitySum: s.severitySum,
    };
  });
  return (
    <ChartPanel
      title={t("componentsTitle")}
      description={t("componentsDescription")}
      filename="platform-components"
      columns={[
        { key: "platform", label: t("colPlatform"), kind: "text" },
        { key: "day", label: t("colDay"), kind: "date" },
        { key: "score", label: t("colScore"), kind: "number" },
        { key: "grade", label: t("colGrade"), kind: "text" },
        { key: "violationRate", label: t("component.violationRate"), kind: "percent" },
        { key: "confirmed", label: t("count.confirmed"), kind: "number" },
        { key: "decided", label: t("count.decided"), kind: "number" },
        { key: "rectificationRate", label: t("component.rectificationRate"), kind: "percent" },
        { key: "noticesOnTime", label: t("count.noticesOnTime"), kind: "number" },
        { key: "noticesDue", label: t("count.noticesDue"), kind: "number" },
        { key: "repeatRate", label: t("component.repeatRate"), kind: "percent" },
        { key: "repeatCases", label: t("count.repeatCases"), kind: "number" },
        { key: "severityIndex", label: t("component.severityIndex"), kind: "percent" },
        { key: "severitySum", label: t("count.severitySum"), kind: "number" },
      ]}
      rows={tableRows}
      emptyMessage={t("noSnapshotsChosen")}
      testId="compare-components"
    >
      <BarChart
        title={t("componentsTitle")}
        rows={chartRows}
        x="component"
        series={rated.map((p) => ({ key: scoreKey(p.id), label: name(p), color: seriesColor(chosen.indexOf(p)) }))}
        valueKind="percent"
        yDomain={[0, 1]}
        height={320}
      />
    </ChartPanel>
  );
}
