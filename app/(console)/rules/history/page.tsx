import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { comparableVersions, listRuleVersions } from "@/lib/rules/versions";
import { CompareForm } from "../compare-form";

export async function generateMetadata() {
  return { title: (await getTranslations("rules.history"))("title") };
}

export default async function RulebookHistoryPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const actor = await requirePage("rules.view");
  const t = await getTranslations();
  // The draft is a manager's work in progress: only those who may edit it see it.
  const includeDraft = can(actor.role, "rules.edit");
  const before = Number((await searchParams).before);
  const db = getDb();
  const { rows, nextBefore } = listRuleVersions(db, { includeDraft, before: Number.isInteger(before) && before > 0 ? before : undefined });
  const versions = comparableVersions(db, includeDraft);
  // The version each row is compared with: the next older one the viewer can see.
  const previousOf = (version: number) => versions.find((v) => v.version < version)?.version;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link className="text-brand-700 underline" href="/rules">{t("rules.title")}</Link>
      </p>
      <PageHeader title={t("rules.history.title")} description={t("rules.history.description")} />
      {rows.length === 0 ? (
        <EmptyState title={t("rules.history.none")} />
      ) : (
        <DataTable
          columns={[t("rules.history.version"), t("rules.history.status"), t("rules.history.summary"), t("rules.history.author"), t("rules.history.publishedAt"), t("rules.history.changes")]}
        >
          {rows.map((row) => {
            const previous = previousOf(row.version);
            return (
              <Row key={row.version} testId={`version-${row.version}`}>
                <Cell className="font-medium">{row.version}</Cell>
                <Cell>{t(`rules.history.statuses.${row.status}`)}</Cell>
                <Cell>{row.status === "draft" ? <span className="text-slate-500">{t("rules.history.notPublished")}</span> : row.summary}</Cell>
                <Cell>{row.authorName ?? t("rules.history.unknownAuthor")}</Cell>
                <Cell className="whitespace-nowrap"><LocalTime iso={row.publishedAt} /></Cell>
                <Cell className="whitespace-nowrap">
                  <span className="flex flex-wrap gap-3">
                    {previous !== undefined && (
                      <Link className="text-brand-700 underline" href={`/rules/diff?from=${previous}&to=${row.version}`}>
                        {t("rules.history.changesFrom", { version: previous })}
                      </Link>
                    )}
                    {row.status === "draft" && (
                      <Link className="text-brand-700 underline" href="/rules/draft">{t("rules.history.openDraft")}</Link>
                    )}
                  </span>
                </Cell>
              </Row>
            );
          })}
        </DataTable>
      )}
      {nextBefore && (
        <p className="mt-3 text-sm">
          <Link className="text-brand-700 underline" href={`/rules/history?before=${nextBefore}`}>{t("common.nextPage")}</Link>
        </p>
      )}
      <CompareForm versions={versions} />
    </>
  );
}
