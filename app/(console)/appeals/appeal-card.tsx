import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import type { AppealRow } from "@/lib/appeals/review-list";
import { categoryName } from "@/lib/rules/category-name";
import { DecideAppealForm } from "./decide-form";

/** One appeal: the decision it challenges, who appeals and why, and the senior's answer. */
export async function AppealCard({ row, locale, actorId, senior }: { row: AppealRow; locale: string; actorId: number; senior: boolean }) {
  const t = await getTranslations("appeals");
  const tf = await getTranslations("case.form");
  const d = row.decision;
  const platform = row.platformName === null || row.platformIsIndependent ? t("unattributed") : locale === "zh" ? row.platformNameZh : row.platformName;
  const facts: [string, React.ReactNode][] = [
    [
      t("decision"),
      <span key="d">
        <Link href={`/cases/${d.caseId}`} className="text-brand-700 underline">{t("caseLink", { id: d.caseId })}</Link>
        {" · "}
        <span className="font-medium" data-testid="appeal-outcome">{tf(`outcomes.${d.outcome}`)}</span>
        {d.category && ` · ${categoryName(d.category, locale)}`} · {tf(`levels.${d.level}`)}
      </span>,
    ],
    [t("link"), <span key="l" className="break-all font-mono">{row.canonicalUrl}</span>],
    [t("platform"), platform],
    [t("decider"), row.deciderName],
    [t("decidedOn"), <LocalTime key="at" iso={d.createdAt} />],
    [t("rationale"), <span key="r" className="whitespace-pre-line">{d.rationale ?? t("noRationale")}</span>],
    [t("appellant"), t(`appellants.${row.appellant}`)],
    [t("submitted"), <LocalTime key="s" iso={row.submittedAt} />],
  ];
  if (row.status !== "pending") {
    facts.push([t("judged"), <span key="j"><LocalTime iso={row.decidedAt} /> {row.judgeName && t("judgedBy", { name: row.judgeName })}</span>]);
  }
  const ownDecision = d.deciderId === actorId;
  const setAside = row.status === "pending" && d.reversedAt !== null;
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={`appeal-${row.id}`} data-testid={`appeal-${row.id}`}>
      <h2 id={`appeal-${row.id}`} className="text-sm font-medium text-slate-600">{t("appeal", { id: row.id })}</h2>
      <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-3 text-sm font-medium">{t("reason")}</h3>
      <p className="mt-1 whitespace-pre-line rounded bg-slate-50 p-3 text-sm">{row.reason}</p>
      {row.status !== "pending" && row.note && (
        <>
          <h3 className="mt-3 text-sm font-medium">{t("noteInternal")}</h3>
          <p className="mt-1 whitespace-pre-line text-sm">{row.note}</p>
        </>
      )}
      {setAside && (
        <p className="mt-3 rounded border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="appeal-set-aside">
          {t("alreadySetAside", { kind: t(`setAsideKinds.${d.reversalKind ?? "reversal"}`) })}
        </p>
      )}
      {row.status === "pending" && senior && ownDecision && (
        <p className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="appeal-own-decision">{t("ownDecision")}</p>
      )}
      {row.status === "pending" && senior && !ownDecision && <DecideAppealForm appealId={row.id} />}
    </article>
  );
}
