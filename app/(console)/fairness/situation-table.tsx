import { getFormatter, getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { handlingLevels } from "@/lib/fairness/compare";
import type { Situation } from "@/lib/fairness/report";
import { type Labels, situationId } from "./labels";

const statusStyle = {
  harsher: "bg-red-100 text-red-800",
  lighter: "bg-sky-100 text-sky-800",
  similar: "text-slate-700",
  too_few: "text-slate-500",
  alone: "text-slate-500",
  not_compared: "text-slate-500",
} as const;

/**
 * One situation: a line with its size and widest gap, opening to every platform as a row with its
 * decisions per level, its mean and its gap to the others'.
 */
export async function SituationTable({ situation, labels }: { situation: Situation; labels: Labels }) {
  const t = await getTranslations("fairness");
  const format = await getFormatter();
  const flagged = situation.platforms.some((p) => p.comparison.status === "harsher");
  const difference = (value: number | null) =>
    value === null ? "—" : format.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
  const id = situationId(situation);
  // Situations where a platform stands out start open; the rest are one line each until opened.
  const standsOut = situation.platforms.some((p) => p.comparison.status === "harsher" || p.comparison.status === "lighter");
  const widest = situation.platforms.reduce<Situation["platforms"][number] | null>(
    (best, p) => (Math.abs(p.comparison.difference ?? 0) >= 0.005 && Math.abs(p.comparison.difference!) > Math.abs(best?.comparison.difference ?? 0) ? p : best),
    null,
  );
  return (
    <details open={standsOut} id={id} className="mb-3 scroll-mt-4 rounded-lg border border-slate-200 bg-white" data-testid={id}>
      <summary className="cursor-pointer px-4 py-3">
        {/* One heading inside the summary (its content model): the situation, its size, its widest gap. */}
        <h3 className="inline-flex flex-wrap items-baseline gap-x-3 gap-y-1 font-medium text-slate-900">
          {labels.situation(situation)}
          <span className="text-sm font-normal text-slate-600" data-testid={`${id}-count`}>
            {t("situationLine", { decisions: situation.decisions, platforms: situation.platforms.length })}
          </span>
          {widest && (
            <span className="text-sm font-normal text-slate-600">
              {t("widestGap", { platform: labels.platform(widest.platform), difference: difference(widest.comparison.difference) })}
            </span>
          )}
          {flagged && <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">{t("flaggedBadge")}</span>}
        </h3>
      </summary>
      <DataTable
        className="rounded-none border-x-0 border-b-0"
        columns={[
          t("platform"),
          ...handlingLevels.map((level) => (
            <abbr key={level} title={t(`levels.${level}`)} className="no-underline">{level}</abbr>
          )),
          t("decisions"),
          t("meanLevel"),
          t("otherMean"),
          t("difference"),
          t("assessment"),
        ]}
      >
        {situation.platforms.map(({ platform, counts, comparison }) => (
          <Row key={platform.id ?? "independent"} testId={`${id}-${platform.slug}`}>
            <Cell className="font-medium">{labels.platform(platform)}</Cell>
            {handlingLevels.map((level) => (
              <Cell key={level} className={`text-right tabular-nums ${counts[level] === 0 ? "text-slate-400" : ""}`}>{format.number(counts[level])}</Cell>
            ))}
            <Cell className="text-right tabular-nums">{format.number(comparison.decisions)}</Cell>
            <Cell className="text-right tabular-nums">{labels.mean(comparison.meanLevel)}</Cell>
            <Cell className="text-right tabular-nums">{comparison.otherMeanLevel === null ? "—" : labels.mean(comparison.otherMeanLevel)}</Cell>
            <Cell className="text-right tabular-nums">{difference(comparison.difference)}</Cell>
            <Cell className="whitespace-nowrap">
              <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusStyle[comparison.status]}`}>{t(`status.${comparison.status}`)}</span>
              {(comparison.status === "harsher" || comparison.status === "lighter") && comparison.pValue !== null && (
                <span className="ml-2 text-xs text-slate-500">{labels.pValue(comparison.pValue)}</span>
              )}
            </Cell>
          </Row>
        ))}
      </DataTable>
    </details>
  );
}
