import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { NoticeCounts } from "@/lib/notices/notice-list";
import { type NoticeState, noticeStates } from "@/lib/notices/notice-state";
import { noticesHref } from "./notices-href";

/** One link per state with its count; the platform filter is kept. */
export async function StateTabs({ counts, state, platformId }: { counts: NoticeCounts; state?: NoticeState; platformId?: number }) {
  const t = await getTranslations("notices");
  const format = await getFormatter();
  const tabs: { key: NoticeState | undefined; label: string; count: number }[] = [
    { key: undefined, label: t("states.all"), count: counts.all },
    ...noticeStates.map((s) => ({ key: s, label: t(`states.${s}`), count: counts[s] })),
  ];
  return (
    <nav aria-label={t("byState")}>
      <ul className="flex flex-wrap gap-1 rounded-lg border border-slate-200 bg-white p-1 text-sm">
        {tabs.map((tab) => {
          const active = tab.key === state;
          const alarming = tab.key === "overdue" && tab.count > 0;
          return (
            <li key={tab.key ?? "all"}>
              <Link
                href={noticesHref({ state: tab.key, platformId })}
                aria-current={active ? "page" : undefined}
                data-testid={`notices-tab-${tab.key ?? "all"}`}
                className={`flex items-center gap-2 rounded px-3 py-1.5 ${active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {tab.label}
                <span
                  className={`rounded-full px-1.5 text-xs tabular-nums ${
                    alarming ? "bg-red-700 text-white" : active ? "bg-white/20 text-white" : "bg-slate-100 text-slate-700"
                  }`}
                >
                  {format.number(tab.count)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
