import Link from "next/link";

export type StatusTab = { key: string; label: string; count: string; href: string };

/** A list's status tabs with their counts; the current one is marked for screen readers too. */
export function StatusTabs({ label, tabs, current }: { label: string; tabs: StatusTab[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-4 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          data-testid={`tab-${tab.key}`}
          className={`-mb-px rounded-t border px-4 py-2 text-sm ${tab.key === current ? "border-slate-200 border-b-white bg-white font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label} <span className="ml-1 rounded-full bg-slate-100 px-2 text-xs tabular-nums">{tab.count}</span>
        </Link>
      ))}
    </nav>
  );
}
