import { getLocale, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import type { CaseDecision } from "@/lib/cases/case-detail";
import { undoable } from "@/lib/decisions/undo";
import { categoryName } from "@/lib/rules/category-name";
import { ReverseForm, UndoButton } from "./decision-buttons";

type Row = CaseDecision;

/** The decisions on this case, standing or set aside; undo and reversal where the viewer may. */
export async function DecisionHistory(props: { decisions: Row[]; actorId: number; senior: boolean; decider: boolean; caseDecided: boolean; now: string }) {
  if (props.decisions.length === 0) return null;
  const t = await getTranslations("case.decisions");
  const tf = await getTranslations("case.form");
  const ta = await getTranslations("appeals");
  const locale = await getLocale();
  const latestStanding = props.decisions.find((d) => d.reversedAt === null);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-labelledby="decisions-heading" data-testid="decision-history">
      <h2 id="decisions-heading" className="font-semibold">{t("heading")}</h2>
      <ul className="mt-2 space-y-3">
        {props.decisions.map((d) => {
          const mayAct = props.caseDecided && d.id === latestStanding?.id;
          return (
            <li key={d.id} className={d.reversedAt ? "text-slate-500" : ""}>
              <p>
                <span className="font-medium">{tf(`outcomes.${d.outcome}`)}</span>
                {d.category && ` · ${categoryName(d.category, locale)}`} · {tf(`levels.${d.level}`)}
                {d.scope && d.scope !== "domain" && ` (${t(`scopes.${d.scope}`)})`}
                {d.providerSanction && d.level !== "L5" && ` + ${tf("levels.L5")}`}
                {d.recommendedLevel && d.recommendedLevel !== d.level && ` · ${t("departed", { level: d.recommendedLevel })}`}
              </p>
              <p className="text-xs">{t("by", { name: d.deciderName })} <LocalTime iso={d.createdAt} /></p>
              {d.rationale && <p className="whitespace-pre-wrap">{d.rationale}</p>}
              {d.internalNote && <p className="whitespace-pre-wrap text-slate-600">{t("internalNote")}: {d.internalNote}</p>}
              {d.publicNote && <p className="whitespace-pre-wrap text-slate-600">{t("publicNote")}: {d.publicNote}</p>}
              {d.reversedAt && (
                <p className="text-xs" data-testid="set-aside">
                  {d.reversalKind === "appeal"
                    ? ta("caseSection.overturnedOnAppeal", { name: d.reversedByName ?? "?" })
                    : t(d.reversalKind === "undo" ? "undone" : "reversed", { name: d.reversedByName ?? "?" })}{" "}
                  <LocalTime iso={d.reversedAt} />
                  {d.reversalReason && ` — ${d.reversalReason}`}
                </p>
              )}
              {mayAct && props.decider && undoable(d, props.actorId, new Date(props.now)) && <div className="mt-1"><UndoButton decisionId={d.id} /></div>}
              {mayAct && props.senior && <div className="mt-1"><ReverseForm decisionId={d.id} /></div>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
