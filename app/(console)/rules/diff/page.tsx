import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { categoryName } from "@/lib/rules/category-name";
import { diffVersions } from "@/lib/rules/diff";
import { comparableVersions } from "@/lib/rules/versions";
import { CompareForm } from "../compare-form";
import { CategoryChanges } from "./category-changes";

export async function generateMetadata() {
  return { title: (await getTranslations("rules.history"))("compareTitle") };
}

type Search = { from?: string | string[]; to?: string | string[] };

/** A version number from the URL: undefined when absent, NaN when it is not one. */
function versionParam(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : Number.NaN;
}

export default async function RulebookDiffPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("rules.view");
  const t = await getTranslations("rules");
  const locale = await getLocale();
  const db = getDb();
  const includeDraft = can(actor.role, "rules.edit");
  const versions = comparableVersions(db, includeDraft);
  const search = await searchParams;
  const from = versionParam(search.from);
  const to = versionParam(search.to);
  const back = (
    <p className="mb-2 text-sm">
      <Link className="text-brand-700 underline" href="/rules/history">{t("diff.backToHistory")}</Link>
    </p>
  );

  const notice = (message: string) => (
    <>
      {back}
      <PageHeader title={t("history.compareTitle")} />
      <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="diff-notice">{message}</p>
      <CompareForm versions={versions} />
    </>
  );
  if (from === undefined || to === undefined) return notice(t("diff.choose"));
  if (Number.isNaN(from) || Number.isNaN(to)) return notice(t("diff.invalid"));
  const diff = diffVersions(db, from, to, { includeDraft });
  if (!diff.ok) return notice(diff.missing.map((version) => t("diff.missing", { version })).join(" "));

  const column = (side: typeof diff.from) =>
    side.status === "draft" ? t("diff.draftColumn", { version: side.version }) : t("diff.column", { version: side.version });
  return (
    <>
      {back}
      <PageHeader title={t("diff.title", { from, to })} description={t("diff.description", { from, to })} />
      <div className="mb-4 grid gap-2 text-sm text-slate-700 sm:grid-cols-2">
        {[diff.from, diff.to].map((side) => (
          <p key={side.version} data-testid={`diff-side-${side.version}`}>
            <span className="font-medium">{column(side)}</span>
            {side.status === "published" && (
              <>
                {": "}{side.summary} · <LocalTime iso={side.publishedAt} />
              </>
            )}
          </p>
        ))}
      </div>
      {diff.repeatWindowChanged && (
        <p className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("diff.repeatWindowChanged", { from: diff.from.repeatWindowDays, to: diff.to.repeatWindowDays })}
        </p>
      )}
      {diff.categories.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-6 text-center text-slate-700" data-testid="diff-none">
          {t("diff.noDifferences")}
        </p>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600">{t("diff.categoryChanges", { count: diff.categories.length })}</p>
          <div className="grid gap-6">
            {diff.categories.map((change) => (
              <CategoryChanges
                key={change.category}
                change={change}
                title={categoryName(change.category, locale)}
                fromLabel={column(diff.from)}
                toLabel={column(diff.to)}
              />
            ))}
          </div>
        </>
      )}
      <CompareForm versions={versions} from={from} to={to} />
    </>
  );
}
