import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { categoryCodes } from "@/lib/rules/categories";
import { categoryName } from "@/lib/rules/category-name";
import { changedSinceBase } from "@/lib/rules/drafts";
import { rulebookProblems } from "@/lib/rules/rulebook-checks";
import { draftVersion, ruleContent, rulesOf } from "@/lib/rules/versions";
import { StartDraftButton } from "../start-draft-button";
import { DiscardButton } from "./discard-button";
import { PublishForm } from "./publish-form";
import { RuleEditor } from "./rule-editor";

// The version number stays out of the title: metadata is rendered before the page's permission check.
export async function generateMetadata() {
  return { title: (await getTranslations("rules"))("title") };
}

export default async function DraftPage() {
  await requirePage("rules.edit");
  const t = await getTranslations("rules");
  const locale = await getLocale();
  const db = getDb();
  const draft = draftVersion(db);
  if (!draft) {
    return (
      <>
        <PageHeader title={t("title")} />
        <EmptyState title={t("draft.none")}>
          <p className="mb-4">{t("draft.noneHint")}</p>
          <div className="flex justify-center"><StartDraftButton /></div>
        </EmptyState>
      </>
    );
  }
  const { base, changes } = changedSinceBase(db, draft);
  const changed = new Set(changes.map((c) => c.category));
  const draftRules = rulesOf(db, draft.id);
  const problems = rulebookProblems({ version: draft.version, repeatWindowDays: draft.repeatWindowDays, rules: draftRules }, categoryCodes);
  return (
    <>
      <PageHeader
        title={t("draft.title", { version: draft.version })}
        description={base ? t("draft.description", { base: base.version }) : t("draft.descriptionNoBase")}
      />
      {base && (
        <p className="mb-4 text-sm text-slate-700">
          {t("draft.changedCount", { count: changes.length, version: base.version })}{" "}
          <Link className="text-brand-700 underline" href={`/rules/diff?from=${base.version}&to=${draft.version}`}>
            {t("draft.compareWithBase", { version: base.version })}
          </Link>
        </p>
      )}
      <div className="grid gap-4">
        {draftRules.map((rule) => {
          const { ladder, allowsDomainBlock, domainBlockThreshold, reasonEn, reasonZh } = ruleContent(rule);
          return (
            <RuleEditor
              // Keyed by the draft's id too, so a new draft never inherits an old one's form state.
              key={`${draft.id}-${rule.category}`}
              version={draft.version}
              category={rule.category}
              title={categoryName(rule.category, locale)}
              fixedLine={t("draft.fixedByCategory", { principle: rule.principle, severity: t(`severities.${rule.severity}`) })}
              changed={changed.has(rule.category)}
              rule={{ ladder, allowsDomainBlock, domainBlockThreshold, reasonEn, reasonZh }}
            />
          );
        })}
      </div>

      <section aria-labelledby="publish-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="publish-title" className="mb-2 text-lg font-medium">{t("draft.publishTitle")}</h2>
        <div className="mb-4" data-testid="draft-problems">
          <h3 className="text-sm font-medium">{t("draft.problemsTitle")}</h3>
          {problems.length === 0 ? (
            <p className="text-sm text-green-800">{t("draft.problemsNone")}</p>
          ) : (
            <>
              <p className="text-sm text-slate-700">{t("draft.problemsIntro")}</p>
              <ul className="mt-1 list-disc pl-5 text-sm text-red-800">
                {problems.map((p) => (
                  <li key={p.problem} lang="en">{p.problem}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <PublishForm key={draft.id} version={draft.version} />
      </section>

      <section aria-labelledby="discard-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="discard-title" className="mb-1 text-lg font-medium">{t("draft.discardTitle")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("draft.discardHint")}</p>
        <DiscardButton key={draft.id} version={draft.version} />
      </section>
    </>
  );
}
