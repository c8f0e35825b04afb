// The platform page's rating charts. Each is a server component that reads its own data (so each
// streams in its own Suspense boundary) and hands plain rows to the chart kit.
import { getLocale, getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { ChartPanel } from "@/components/charts/chart-panel";
import { gradeBands } from "@/components/charts/grade-bands";
import { SERIES_COLORS } from "@/components/charts/palette";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { getDb } from "@/lib/db";
import { rectificationDistribution, weeklyConfirmedByCategory } from "@/lib/ratings/platform-report";
import { componentKeys } from "@/lib/ratings/why";
import { categoryName } from "@/lib/rules/category-name";
import { platformHistory } from "./rating-data";

const round1 = (n: number) => Math.round(n * 10) / 10;
/** Categories shown by name in the weekly chart; the rest are summed as "other". */
const NAMED_CATEGORIES = 7;

export async function ScoreChart({ platformId, slug }: { platformId: number; slug: string }) {
  const t = await getTranslations("platformRating");
  const history = platformHistory(platformId);
  const rows = history.map((s) => ({ day: s.day, score: s.score, grade: s.grade, provisional: s.provisional ? t("yes") : t("no") }));
  return (
    <ChartPanel
      title={t("score.title")}
      description={t("score.description")}
      filename={`${slug}-score`}
      columns={[
        { key: "day", label: t("columns.day"), kind: "date" },
        { key: "score", label: t("columns.score"), kind: "number" },
        { key: "grade", label: t("columns.grade"), kind: "text" },
        { key: "provisional", label: t("columns.provisional"), kind: "text" },
      ]}
      rows={rows}
      emptyMessage={t("noSnapshots")}
      testId="chart-score"
    >
      <TimeSeriesChart
        title={t("score.title")}
        rows={rows}
        x="day"
        series={[{ key: "score", label: t("columns.score"), color: "#0f172a" }]}
        bands={gradeBands((grade) => t("gradeBand", { grade }))}
        yDomain={[0, 100]}
      />
    </ChartPanel>
  );
}

export async function ComponentsChart({ platformId, slug }: { platformId: number; slug: string }) {
  const t = await getTranslations("platformRating");
  const history = platformHistory(platformId);
  const rows = history.map((s) => ({
    day: s.day,
    violation: round1(s.violationPoints),
    rectification: round1(s.rectificationPoints),
    repeat: round1(s.repeatPoints),
    severity: round1(s.severityPoints),
  }));
  const label = (k: (typeof componentKeys)[number]) => t(`components.${k}.short`);
  return (
    <ChartPanel
      title={t("componentsChart.title")}
      description={t("componentsChart.description")}
      filename={`${slug}-components`}
      columns={[{ key: "day", label: t("columns.day"), kind: "date" }, ...componentKeys.map((k) => ({ key: k, label: label(k), kind: "number" as const }))]}
      rows={rows}
      emptyMessage={t("noSnapshots")}
      testId="chart-components"
    >
      <TimeSeriesChart title={t("componentsChart.title")} rows={rows} x="day" series={componentKeys.map((k) => ({ key: k, label: label(k) }))} yDomain={[0, 40]} />
    </ChartPanel>
  );
}

export async function CategoryWeeksChart({ platformId, slug }: { platformId: number; slug: string }) {
  const t = await getTranslations("platformRating");
  const locale = await getLocale();
  const { weeks, categories, counts } = weeklyConfirmedByCategory(getDb(), platformId, { now: new Date() });
  const named = categories.slice(0, NAMED_CATEGORIES);
  const rest = categories.slice(NAMED_CATEGORIES);
  const series = [
    ...named.map((code, i) => ({ key: code, label: categoryName(code, locale), color: SERIES_COLORS[i] })),
    ...(rest.length > 0 ? [{ key: "other", label: t("weekly.other"), color: "#94a3b8" }] : []),
  ];
  const rows = weeks.map((week) => {
    const byCategory = counts.get(week)!;
    const row: Record<string, string | number> = { week };
    for (const code of named) row[code] = byCategory.get(code) ?? 0;
    if (rest.length > 0) row.other = rest.reduce((sum, code) => sum + (byCategory.get(code) ?? 0), 0);
    row.total = [...byCategory.values()].reduce((a, b) => a + b, 0);
    return row;
  });
  return (
    <ChartPanel
      title={t("weekly.title")}
      description={t("weekly.description")}
      filename={`${slug}-violations-by-week`}
      columns={[
        { key: "week", label: t("columns.weekOf"), kind: "date" },
        ...series.map((s) => ({ key: s.key, label: s.label, kind: "number" as const })),
        { key: "total", label: t("columns.total"), kind: "number" },
      ]}
      rows={categories.length === 0 ? [] : rows}
      emptyMessage={t("weekly.empty")}
      testId="chart-weekly"
    >
      <StackedBarChart title={t("weekly.title")} rows={rows} x="week" series={series} />
    </ChartPanel>
  );
}

export async function RectificationChart({ platformId, slug }: { platformId: number; slug: string }) {
  const t = await getTranslations("platformRating");
  const d = rectificationDistribution(getDb(), platformId, { now: new Date() });
  const rows: Record<string, string | number>[] = d.buckets.map((b) => ({
    bucket: b.toHours === null ? t("rectification.over", { from: b.fromHours }) : t("rectification.range", { from: b.fromHours, to: b.toHours }),
    onTime: b.onTime,
    late: b.late,
    overdue: 0,
    waiting: 0,
  }));
  rows.push({ bucket: t("rectification.unanswered"), onTime: 0, late: 0, overdue: d.overdue, waiting: d.waiting });
  const total = d.answered + d.overdue + d.waiting;
  const series = [
    { key: "onTime", label: t("rectification.onTime"), color: "#009E73" },
    { key: "late", label: t("rectification.late"), color: "#E69F00" },
    { key: "overdue", label: t("rectification.overdue"), color: "#D55E00" },
    { key: "waiting", label: t("rectification.waiting"), color: "#94a3b8" },
  ];
  return (
    <ChartPanel
      title={t("rectification.title")}
      description={
        d.medianHours === null
          ? t("rectification.description")
          : `${t("rectification.description")} ${t("rectification.median", { hours: round1(d.medianHours), answered: d.answered })}`
      }
      filename={`${slug}-rectification-times`}
      columns={[{ key: "bucket", label: t("columns.hoursToAnswer"), kind: "text" }, ...series.map((s) => ({ key: s.key, label: s.label, kind: "number" as const }))]}
      rows={total === 0 ? [] : rows}
      emptyMessage={t("rectification.empty")}
      testId="chart-rectification"
    >
      {/* Categories down the side: every bucket keeps its label at any width. */}
      <BarChart title={t("rectification.title")} rows={rows} x="bucket" series={series} stacked horizontal height={320} />
    </ChartPanel>
  );
}
