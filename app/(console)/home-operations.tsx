// The console home's operations charts for the last 30 days, in the viewer's calendar. One series
// (lib/operations/daily-operations.ts, remembered for up to a minute) feeds all four panels.
import { getTimeZone, getTranslations } from "next-intl/server";
import { type ReactNode, Suspense, cache } from "react";
import { BarChart } from "@/components/charts/bar-chart";
import { ChartErrorBoundary } from "@/components/charts/chart-error-boundary";
import { ChartPanel } from "@/components/charts/chart-panel";
import { ChartSkeleton } from "@/components/charts/chart-skeleton";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { getDb } from "@/lib/db";
import { OPERATIONS_DAYS, cachedOperationsSeries } from "@/lib/operations/daily-operations";
import { SLA_HOURS } from "@/lib/queue/priority";

const series = cache((timeZone: string) => cachedOperationsSeries(getDb(), { now: new Date(), timeZone }).days);
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

async function rows() {
  return series(await getTimeZone());
}

/** Nothing to chart when no day had any activity and nothing waited. */
const quiet = (days: Awaited<ReturnType<typeof rows>>) => days.every((d) => d.reportsIn === 0 && d.decisionsOut === 0 && d.backlog === 0);

async function FlowChart() {
  const t = await getTranslations("operations");
  const days = await rows();
  const data = quiet(days) ? [] : days.map((d) => ({ day: d.day, reportsIn: d.reportsIn, decisionsOut: d.decisionsOut }));
  const s = [
    { key: "reportsIn", label: t("reportsIn") },
    { key: "decisionsOut", label: t("decisionsOut") },
  ];
  return (
    <ChartPanel
      title={t("flow.title")}
      description={t("flow.description")}
      filename="operations-in-and-out"
      columns={[{ key: "day", label: t("day"), kind: "date" }, ...s.map((x) => ({ ...x, kind: "number" as const }))]}
      rows={data}
      emptyMessage={t("empty")}
      testId="chart-flow"
    >
      <BarChart title={t("flow.title")} rows={data} x="day" series={s} />
    </ChartPanel>
  );
}

async function BacklogChart() {
  const t = await getTranslations("operations");
  const days = await rows();
  const data = quiet(days) ? [] : days.map((d) => ({ day: d.day, backlog: d.backlog }));
  return (
    <ChartPanel
      title={t("backlog.title")}
      description={t("backlog.description")}
      filename="operations-backlog"
      columns={[
        { key: "day", label: t("day"), kind: "date" },
        { key: "backlog", label: t("backlog.series"), kind: "number" },
      ]}
      rows={data}
      emptyMessage={t("empty")}
      testId="chart-backlog"
    >
      <TimeSeriesChart title={t("backlog.title")} rows={data} x="day" series={[{ key: "backlog", label: t("backlog.series") }]} />
    </ChartPanel>
  );
}

async function MedianChart() {
  const t = await getTranslations("operations");
  const days = await rows();
  const data = days.every((d) => d.medianHoursToDecision === null) ? [] : days.map((d) => ({ day: d.day, median: round1(d.medianHoursToDecision), decisions: d.decisionsOut }));
  return (
    <ChartPanel
      title={t("median.title")}
      description={t("median.description")}
      filename="operations-time-to-decision"
      columns={[
        { key: "day", label: t("day"), kind: "date" },
        { key: "median", label: t("median.series"), kind: "number" },
        { key: "decisions", label: t("decisionsOut"), kind: "number" },
      ]}
      rows={data}
      emptyMessage={t("median.empty")}
      testId="chart-median"
    >
      <TimeSeriesChart title={t("median.title")} rows={data} x="day" series={[{ key: "median", label: t("median.series"), color: "#009E73" }]} />
    </ChartPanel>
  );
}

async function BreachChart() {
  const t = await getTranslations("operations");
  const days = await rows();
  const data = quiet(days) ? [] : days.map((d) => ({ day: d.day, breaches: d.slaBreaches, backlog: d.backlog }));
  return (
    <ChartPanel
      title={t("breaches.title")}
      description={t("breaches.description", { critical: SLA_HOURS.critical, other: SLA_HOURS.other })}
      filename="operations-sla-breaches"
      columns={[
        { key: "day", label: t("day"), kind: "date" },
        { key: "breaches", label: t("breaches.series"), kind: "number" },
        { key: "backlog", label: t("backlog.series"), kind: "number" },
      ]}
      rows={data}
      emptyMessage={t("empty")}
      testId="chart-breaches"
    >
      <BarChart title={t("breaches.title")} rows={data} x="day" series={[{ key: "breaches", label: t("breaches.series"), color: "#D55E00" }]} />
    </ChartPanel>
  );
}

function Loading({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <ChartErrorBoundary testId={`${testId}-error`}>
      <Suspense fallback={<ChartSkeleton testId={`${testId}-loading`} />}>{children}</Suspense>
    </ChartErrorBoundary>
  );
}

export async function HomeOperations() {
  const t = await getTranslations("operations");
  return (
    <section aria-labelledby="operations-title" className="mt-8">
      <h2 id="operations-title" className="text-lg font-medium">{t("title", { days: OPERATIONS_DAYS })}</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t("description")}</p>
      <div className="grid gap-4 xl:grid-cols-2">
        <Loading testId="chart-flow">
          <FlowChart />
        </Loading>
        <Loading testId="chart-backlog">
          <BacklogChart />
        </Loading>
        <Loading testId="chart-median">
          <MedianChart />
        </Loading>
        <Loading testId="chart-breaches">
          <BreachChart />
        </Loading>
      </div>
    </section>
  );
}
