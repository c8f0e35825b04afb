import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

/** The auditor's workspace: decision log, audit trail, chain verification. */
export async function AuditTabs({ actor, current }: { actor: Actor; current: "decisions" | "events" | "verify" }) {
  const t = await getTranslations("auditLog");
  const tabs = [
    { key: "decisions", href: "/audit/decisions", show: can(actor.role, "audit.search") },
    { key: "events", href: "/audit/events", show: can(actor.role, "audit.search") },
    { key: "verify", href: "/audit/verify", show: can(actor.role, "audit.verify") },
  ] as const;
  return (
    <nav aria-label={t("tabs")} className="mb-4 flex gap-1 border-b border-slate-200 text-sm">
      {tabs
        .filter((tab) => tab.show)
        .map((tab) => (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={tab.key === current ? "page" : undefined}
            className={`-mb-px rounded-t border px-3 py-2 ${tab.key === current ? "border-slate-200 border-b-white bg-white font-medium text-slate-900" : "border-transparent text-brand-700 hover:underline"}`}
          >
            {t(`tab.${tab.key}`)}
          </Link>
        ))}
    </nav>
  );
}

/** Filters that could not be read: the page says so and lists each problem (English, as the export's 400 does). */
export async function FilterProblems({ problems }: { problems: string[] }) {
  const t = await getTranslations("auditLog");
  return (
    <div role="alert" className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="filter-problems">
      <p className="font-medium">{t("filterProblems")}</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => (
          <li key={p} lang="en">{p}</li>
        ))}
      </ul>
    </div>
  );
}

export const inputClass = "rounded border border-slate-300 px-2 py-1.5 text-sm";
export const labelClass = "mb-1 block text-xs font-medium text-slate-700";

/** A query string object of the URL's parameters (a repeated one keeps all its values, so the parser can refuse it). */
export function searchParamsOf(search: Record<string, string | string[] | undefined>): URLSearchParams {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) if (v !== "") q.append(key, v);
  }
  return q;
}
