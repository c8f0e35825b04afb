import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import type { appealsOnCase } from "@/lib/appeals/review-list";

/** The appeals against this case's decisions, each linking to its place on the appeals page. */
export async function CaseAppeals({ appeals }: { appeals: ReturnType<typeof appealsOnCase> }) {
  if (appeals.length === 0) return null;
  const t = await getTranslations("appeals");
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-labelledby="appeals-heading" data-testid="case-appeals">
      <h2 id="appeals-heading" className="font-semibold">{t("caseSection.heading")}</h2>
      <ul className="mt-2 space-y-2">
        {appeals.map((a) => (
          <li key={a.id}>
            <p>
              <span className="font-medium">{t("caseSection.row", { id: a.id, decisionId: a.decisionId })}</span>
              {" · "}{t(`appellants.${a.appellant}`)} · <span data-testid="case-appeal-status">{t(`tab.${a.status}`)}</span>
            </p>
            <p className="text-xs text-slate-600">
              <LocalTime iso={a.decidedAt ?? a.submittedAt} />{" · "}
              <Link href={`/appeals?status=${a.status}`} className="text-brand-700 underline">{t("caseSection.open")}</Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
