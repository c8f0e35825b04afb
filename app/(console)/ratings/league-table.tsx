import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/charts/grade-badge";
import { Sparkline } from "@/components/charts/sparkline";
import type { LeagueRow } from "@/lib/ratings/league";
import { SPARKLINE_DAYS } from "@/lib/ratings/league";
import type { LeagueSort, LeagueSortKey } from "@/lib/ratings/league-stats";
import { ScoreDelta } from "./score-delta";

type Column = { key: LeagueSortKey | null; label: string; numeric?: boolean };

/** The next sort when a header is followed: the same key flips, a new key starts its natural way. */
function nextSort(key: LeagueSortKey, current: LeagueSort): LeagueSort {
  if (key === current.key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: key === "name" || key === "grade" ? "asc" : "desc" };
}

/** Every registered platform's standing; each sortable header is a link, so sorting works without script. */
export async function LeagueTable({ rows, sort }: { rows: LeagueRow[]; sort: LeagueSort }) {
  const t = await getTranslations("ratingBoard");
  const locale = await getLocale();
  const format = await getFormatter();
  const columns: Column[] = [
    { key: "name", label: t("colPlatform") },
    { key: "grade", label: t("colGrade") },
    { key: "score", label: t("colScore"), numeric: true },
    { key: "delta7", label: t("colDelta7"), numeric: true },
    { key: "delta30", label: t("colDelta30"), numeric: true },
    { key: null, label: t("colTrend", { days: SPARKLINE_DAYS }) },
  ];
  const name = (r: LeagueRow) => (locale === "zh" ? r.nameZh : r.name);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="league-table">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t("leagueCaption")}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {columns.map((c) => {
              const active = c.key !== null && c.key === sort.key;
              const next = c.key && nextSort(c.key, sort);
              return (
                <th
                  key={c.label}
                  scope="col"
                  aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                  className={`px-3 py-2 ${c.numeric ? "text-right" : ""}`}
                >
                  {next ? (
                    <Link
                      href={`/ratings?sort=${next.key}&dir=${next.dir}`}
                      className={`inline-flex items-center gap-1 hover:text-brand-700 hover:underline ${active ? "font-semibold text-slate-900" : ""}`}
                      data-testid={`sort-${c.key}`}
                    >
                      {c.label}
                      <span aria-hidden="true" className="text-xs">{active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                      <span className="sr-only">{t("sortBy", { column: c.label })}</span>
                    </Link>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.platformId} className="border-t border-slate-100 align-middle" data-testid="league-row" data-platform={r.slug}>
              <td className="px-3 py-2 font-medium">
                <Link className="text-brand-700 hover:underline" href={`/platforms/${r.platformId}`}>{name(r)}</Link>
              </td>
              <td className="px-3 py-2">
                <GradeBadge grade={r.grade} provisional={r.provisional} cappedAtC={r.cappedAtC} override={r.override?.grade ?? null} testId="league-grade" />
              </td>
              <td className="px-3 py-2 text-right tabular-nums" data-testid="league-score">
                {r.score === null ? "—" : format.number(r.score, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
              </td>
              <td className="px-3 py-2 text-right"><ScoreDelta value={r.delta7} days={7} /></td>
              <td className="px-3 py-2 text-right"><ScoreDelta value={r.delta30} days={30} /></td>
              <td className="px-3 py-2">
                {r.sparkline.length > 0 ? (
                  <Sparkline values={r.sparkline} domain={[0, 100]} label={t("trendLabel", { platform: name(r), days: SPARKLINE_DAYS })} />
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
