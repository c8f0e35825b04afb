import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { GradeBadge } from "@/components/charts/grade-badge";
import type { LeagueRow } from "@/lib/ratings/league";
import { biggestMovers } from "@/lib/ratings/league-stats";
import { loadLeague } from "./load-league";
import { ScoreDelta } from "./score-delta";

const MOVERS = 5;

/** The five biggest rises and falls of score over 30 days. */
export async function Movers() {
  const t = await getTranslations("ratingBoard");
  const { up, down } = biggestMovers(loadLeague().rows, MOVERS);
  return (
    <section aria-labelledby="movers-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="movers">
      <h2 id="movers-title" className="text-base font-medium text-slate-900">{t("moversTitle", { count: MOVERS })}</h2>
      <p className="mt-0.5 text-sm text-slate-600">{t("moversDescription")}</p>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <MoverList title={t("moversUp")} rows={up} empty={t("moversNoneUp")} testId="movers-up" />
        <MoverList title={t("moversDown")} rows={down} empty={t("moversNoneDown")} testId="movers-down" />
      </div>
    </section>
  );
}

async function MoverList({ title, rows, empty, testId }: { title: string; rows: LeagueRow[]; empty: string; testId: string }) {
  const locale = await getLocale();
  return (
    <div data-testid={testId}>
      <h3 className="mb-1 text-sm font-medium text-slate-700">{title}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {rows.map((r) => (
            <li key={r.platformId} className="flex items-center justify-between gap-2 py-1.5 text-sm">
              <Link href={`/platforms/${r.platformId}`} className="min-w-0 truncate text-brand-700 hover:underline">
                {locale === "zh" ? r.nameZh : r.name}
              </Link>
              <span className="flex shrink-0 items-center gap-2">
                <GradeBadge grade={r.grade} override={r.override?.grade ?? null} />
                <ScoreDelta value={r.delta30} days={30} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
