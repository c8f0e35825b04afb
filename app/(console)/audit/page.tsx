import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { recentEvents } from "@/lib/audit/recent-events";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  await requirePage("audit.search");
  const t = await getTranslations("audit");
  const before = Number((await searchParams).before);
  const { rows, nextBefore } = recentEvents(getDb(), Number.isInteger(before) && before > 0 ? before : undefined);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {rows.length === 0 ? (
        <EmptyState title={t("none")} />
      ) : (
        <DataTable columns={[t("seq"), t("at"), t("actor"), t("action"), t("target")]}>
          {rows.map((e) => (
            <Row key={e.seq}>
              <Cell className="tabular-nums">{e.seq}</Cell>
              <Cell className="whitespace-nowrap"><LocalTime iso={e.at} withSeconds /></Cell>
              <Cell>{e.actorName ?? t("system")}</Cell>
              <Cell className="font-mono text-xs">{e.action}</Cell>
              <Cell className="font-mono text-xs">{e.targetType}{e.targetId ? ` #${e.targetId}` : ""}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <nav className="mt-3 flex gap-4 text-sm" aria-label={t("pages")}>
        {before > 0 && <Link href="/audit" className="text-brand-700 underline">{t("newest")}</Link>}
        {nextBefore && <Link href={`/audit?before=${nextBefore}`} className="text-brand-700 underline">{t("older")}</Link>}
      </nav>
    </>
  );
}
