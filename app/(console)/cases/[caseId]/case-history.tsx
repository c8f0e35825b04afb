import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { type CaseDetail, earlierCases } from "@/lib/cases/case-detail";
import { getDb } from "@/lib/db";

/** Earlier cases on the same registrable domain and on the same platform, with their verdicts. */
export async function CaseHistory({ detail }: { detail: CaseDetail }) {
  const t = await getTranslations("case.history");
  const tc = await getTranslations("case");
  const groups = [
    { key: "domain" as const, title: t("domain", { domain: detail.registrableDomain }), rows: earlierCases(getDb(), detail, "domain") },
    ...(detail.platformId === null || detail.isIndependent ? [] : [{ key: "platform" as const, title: t("platform"), rows: earlierCases(getDb(), detail, "platform") }]),
  ];
  return (
    <>
      {groups.map((g) => (
        <section key={g.key} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid={`history-${g.key}`}>
          <h2 className="font-semibold">{g.title}</h2>
          {g.rows.length === 0 ? (
            <p className="mt-1 text-slate-500">{t("none")}</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {g.rows.map((c) => (
                <li key={c.id}>
                  <Link className="text-brand-700 underline" href={`/cases/${c.id}`}>{tc("title", { id: c.id })}</Link>{" "}
                  <span className="text-slate-600">{tc(`statuses.${c.status}`)}</span>
                  {c.decision && (
                    <span className="ml-1">
                      · {t(`outcomes.${c.decision.outcome}`)} {c.decision.outcome === "violation" && c.decision.level}
                    </span>
                  )}
                  <span className="block break-all font-mono text-xs text-slate-500">{c.canonicalUrl}</span>
                  <span className="text-xs text-slate-500"><LocalTime iso={c.decidedAt ?? c.openedAt} /></span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
