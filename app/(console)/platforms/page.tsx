import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { platformList } from "@/lib/platforms/platform-list";
import { NewPlatformForm } from "./new-platform-form";

export async function generateMetadata() {
  return { title: (await getTranslations("platforms"))("title") };
}

export default async function PlatformsPage() {
  const actor = await requirePage("platforms.view");
  const t = await getTranslations("platforms");
  const locale = await getLocale();
  const format = await getFormatter();
  const rows = platformList(getDb());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {rows.length === 0 ? (
        <EmptyState title={t("none")} />
      ) : (
        <DataTable columns={[t("name"), t("kind"), t("domains"), t("shortLinks"), t("links")]}>
          {rows.map((p) => (
            <Row key={p.id} testId={`platform-${p.slug}`}>
              <Cell className="font-medium">
                <Link className="text-brand-700 hover:underline" href={`/platforms/${p.id}`}>{locale === "zh" ? p.nameZh : p.name}</Link>
              </Cell>
              <Cell>{t(`kinds.${p.kind}`)}</Cell>
              <Cell className="font-mono text-xs">{p.isIndependent ? t("independentNote") : p.domains}</Cell>
              <Cell className="font-mono text-xs">{p.shortLinkDomains ?? "—"}</Cell>
              <Cell className="text-right tabular-nums">{format.number(p.links)}</Cell>
            </Row>
          ))}
        </DataTable>
      )}
      {can(actor.role, "platforms.edit") && <NewPlatformForm />}
    </>
  );
}
