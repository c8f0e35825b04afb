// What a chart panel shows while its data loads (the Suspense fallback): the panel's own size, so
// nothing jumps when the chart arrives.
import { useTranslations } from "next-intl";

export function ChartSkeleton({ testId }: { testId?: string }) {
  const t = useTranslations("charts");
  return (
    <div role="status" aria-busy="true" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId ?? "chart-skeleton"}>
      <div className="mb-3 flex items-start justify-between gap-3">
        <div className="h-5 w-48 animate-pulse rounded bg-slate-200" />
        <div className="h-7 w-52 animate-pulse rounded bg-slate-100" />
      </div>
      <div className="flex h-72 animate-pulse items-center justify-center rounded bg-slate-100 text-sm text-slate-500">{t("loading")}</div>
    </div>
  );
}
