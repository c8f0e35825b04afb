import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { categoryName } from "@/lib/rules/category-name";
import { publishedRulebook } from "@/lib/rules/published-rulebook";
import { draftVersion } from "@/lib/rules/versions";
import { ladderLabel } from "./ladder-text";
import { StartDraftButton } from "./start-draft-button";

export async function generateMetadata() {
  return { title: (await getTranslations("rules"))("title") };
}

const linkButton = "rounded border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";

export default async function RulesPage() {
  const actor = await requirePage("rules.view");
  const t = await getTranslations("rules");
  const locale = await getLocale();
  const db = getDb();
  const rulebook = publishedRulebook(db);
  // Everyone sees the published rulebook; managers also get the way into the draft.
  const draft = can(actor.role, "rules.edit") ? draftVersion(db) : undefined;
  const actions = (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <Link className={linkButton} href="/rules/history">{t("historyLink")}</Link>
      {can(actor.role, "rules.edit") &&
        (draft ? (
          <Link className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" href="/rules/draft">
            {t("continueDraft", { version: draft.version })}
          </Link>
        ) : (
          <StartDraftButton />
        ))}
    </div>
  );
  if (!rulebook) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} actions={actions} />
        <EmptyState title={t("none")} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("versionLine", { version: rulebook.version.version, summary: rulebook.version.summary })}
        actions={actions}
      />
      <p className="mb-3 text-sm text-slate-600">
        {t("publishedAt")} <LocalTime iso={rulebook.version.publishedAt} /> · {t("repeatWindow", { days: rulebook.version.repeatWindowDays })}
      </p>
      <DataTable columns={[t("category"), t("principle"), t("severity"), t("ladder"), t("reason")]}>
        {rulebook.rules.map((rule) => (
          <Row key={rule.id} testId={`rule-${rule.category}`}>
            <Cell className="font-medium">{categoryName(rule.category, locale)}</Cell>
            <Cell>{rule.principle}</Cell>
            <Cell>{t(`severities.${rule.severity}`)}</Cell>
            <Cell className="whitespace-nowrap">{ladderLabel(t, rule.ladder)}</Cell>
            <Cell className="text-slate-600">{locale === "zh" ? rule.reasonZh : rule.reasonEn}</Cell>
          </Row>
        ))}
      </DataTable>
    </>
  );
}
