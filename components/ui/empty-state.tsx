import type { ReactNode } from "react";

/** What a page shows when there is nothing (yet): says why, and what will appear here. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center" data-testid="empty-state">
      <p className="font-medium text-slate-800">{title}</p>
      {children && <div className="mx-auto mt-2 max-w-xl text-sm text-slate-600">{children}</div>}
    </div>
  );
}
