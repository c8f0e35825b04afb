import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { categoryName } from "@/lib/rules/category-name";
import { publishedRulebook } from "@/lib/rules/published-rulebook";
import { type Bilingual, levelPageTexts } from "@/lib/verdicts/user-texts";
import { BlockPage } from "./block-page";

export async function generateMetadata() {
  return { title: (await getTranslations("verdictPreview"))("title") };
}

const previewLevels = ["L1", "L2", "L3", "L4"] as const;

/** What a chat app's user sees for each level, in both languages, with the published rule's reason. */
export default async function BlockPagePreview({ searchParams }: { searchParams: Promise<{ category?: string }> }) {
  await requirePage("rules.view");
  const t = await getTranslations("verdictPreview");
  const locale = await getLocale();
  const rulebook = publishedRulebook(getDb());
  if (!rulebook) {
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState title={t("noRulebook")} />
      </>
    );
  }
  const requested = (await searchParams).category;
  const rule = rulebook.rules.find((r) => r.category === requested) ?? rulebook.rules[0]!;
  const reason: Bilingual = { en: rule.reasonEn, zh: rule.reasonZh };
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form className="mb-6 flex flex-wrap items-end gap-3" method="get">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("category")}</span>
          <select name="category" defaultValue={rule.category} className="rounded border border-slate-300 px-2 py-1.5">
            {rulebook.rules.map((r) => (
              <option key={r.category} value={r.category}>
                {categoryName(r.category, locale)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          {t("show")}
        </button>
        <p className="text-sm text-slate-600">
          {t("ruleVersion", { version: rulebook.version.version })} ·{" "}
          <Link className="text-brand-700 underline" href="/rules">{t("rulebookLink")}</Link>
        </p>
      </form>
      <div className="space-y-8">
        {previewLevels.map((level) => (
          <section key={level} aria-labelledby={`preview-${level}`} data-testid={`preview-${level}`}>
            <h2 id={`preview-${level}`} className="mb-1 text-lg font-semibold text-slate-900">
              {level} · {t(`levels.${level}`)}
            </h2>
            <p className="mb-3 text-sm text-slate-600">{t(`effects.${level}`)}</p>
            <div className="flex flex-wrap gap-6">
              {(["en", "zh"] as const).map((language) => (
                <BlockPage key={language} level={level} language={language} texts={levelPageTexts[level]} reason={reason} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
