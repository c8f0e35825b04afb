import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { TabCounts } from "@/lib/queue/queue-query";
import { type QueueSearch, queueSearchString, queueTabs } from "@/lib/queue/queue-search";

/** One link per tab with its count under the current filters; switching tab keeps the filters. */
export async function QueueTabs({ search, counts }: { search: QueueSearch; counts: TabCounts }) {
  const t = await getTranslations("queue");
  const format = await getFormatter();
  return (
    <nav aria-label={t("tabsLabel")}>
      <ul className="flex flex-wrap gap-1 rounded-lg border border-slate-200 bg-white p-1 text-sm">
        {queueTabs.map((tab) => {
          const active = tab === search.tab;
          const { count, capped } = counts[tab];
          const query = queueSearchString(search, { tab, after: undefined });
          return (
            <li key={tab}>
              <Link
                href={query ? `/queue?${query}` : "/queue"}
                aria-current={active ? "page" : undefined}
                data-testid={`queue-tab-${tab}`}
                className={`flex items-center gap-2 rounded px-3 py-1.5 ${active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {t(`tabs.${tab}`)}
                <span className={`rounded-full px-1.5 text-xs tabular-nums ${active ? "bg-white/20 text-white" : "bg-slate-100 text-slate-700"}`}>
                  {format.number(count)}
                  {capped ? "+" : ""}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
