import { getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { type CategoryDiff, type DiffField, diffFields } from "@/lib/rules/diff";
import type { RuleContent } from "@/lib/rules/versions";
import { ladderLabel } from "../ladder-text";

const changedCell = "bg-amber-50 font-medium text-slate-900";

/** One category's rule side by side: the older version left, the newer right, changes highlighted. */
export async function CategoryChanges({ change, title, fromLabel, toLabel }: { change: CategoryDiff; title: string; fromLabel: string; toLabel: string }) {
  const t = await getTranslations("rules");
  const value = (rule: RuleContent | null, field: DiffField): string => {
    if (!rule) return t("diff.noRule");
    switch (field) {
      case "principle":
        return rule.principle;
      case "severity":
        return t(`severities.${rule.severity}`);
      case "ladder":
        return ladderLabel(t, rule.ladder);
      case "allowsDomainBlock":
        return rule.allowsDomainBlock ? t("diff.allowed") : t("diff.notAllowed");
      case "domainBlockThreshold":
        return rule.domainBlockThreshold === null ? t("diff.noThreshold") : String(rule.domainBlockThreshold);
      case "reasonEn":
        return rule.reasonEn;
      case "reasonZh":
        return rule.reasonZh;
    }
  };
  const changed = new Set(change.fields);
  return (
    <section aria-labelledby={`diff-${change.category}`} data-testid={`diff-${change.category}`}>
      <h2 id={`diff-${change.category}`} className="mb-2 text-lg font-medium">{title}</h2>
      <DataTable columns={[t("diff.field"), fromLabel, toLabel]}>
        {diffFields.map((field) => {
          const isChanged = changed.has(field);
          return (
            <Row key={field} testId={`diff-${change.category}-${field}${isChanged ? "-changed" : ""}`}>
              <Cell className={`whitespace-nowrap ${isChanged ? changedCell : "text-slate-600"}`}>
                {t(`diff.fields.${field}`)}
                {isChanged && <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs text-amber-900">{t("diff.changedMark")}</span>}
              </Cell>
              <Cell className={isChanged ? changedCell : "text-slate-600"}>
                <span lang={field === "reasonZh" ? "zh" : undefined}>{value(change.from, field)}</span>
              </Cell>
              <Cell className={isChanged ? changedCell : "text-slate-600"}>
                <span lang={field === "reasonZh" ? "zh" : undefined}>{value(change.to, field)}</span>
              </Cell>
            </Row>
          );
        })}
      </DataTable>
    </section>
  );
}
