import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { listApiClients, platformsClientsMayActFor } from "@/lib/api-clients/api-clients";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { NewClientForm } from "./new-client-form";
import { RevokeButton } from "./revoke-button";

export async function generateMetadata() {
  return { title: (await getTranslations("apiClients"))("title") };
}

export default async function ApiClientsPage() {
  await requirePage("apiClients.manage");
  const t = await getTranslations("apiClients");
  const locale = await getLocale();
  const clients = listApiClients(getDb());
  const platformName = (p: { name: string; nameZh: string }) => (locale === "zh" ? p.nameZh : p.name);
  const platformOptions = platformsClientsMayActFor(getDb()).map((p) => ({ id: p.id, name: platformName(p) }));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {clients.length === 0 ? (
        <EmptyState title={t("none")} />
      ) : (
        <DataTable className="mb-6" columns={[t("name"), t("keyPrefix"), t("rateLimit"), t("actsFor"), t("createdAt"), t("status")]}>
          {clients.map((c) => (
            <Row key={c.id}>
              <Cell className="font-medium">{c.name}</Cell>
              <Cell className="font-mono text-xs">{c.keyPrefix}…</Cell>
              <Cell className="tabular-nums">{c.requestsPerMinute}</Cell>
              <Cell>
                {c.platformId !== null && c.platformName !== null && c.platformNameZh !== null ? (
                  <Link className="text-brand-700 hover:underline" href={`/platforms/${c.platformId}`}>
                    {platformName({ name: c.platformName, nameZh: c.platformNameZh })}
                  </Link>
                ) : (
                  <span className="text-slate-500">{t("actsForNone")}</span>
                )}
              </Cell>
              <Cell className="whitespace-nowrap"><LocalTime iso={c.createdAt} /></Cell>
              <Cell>
                {c.revokedAt ? (
                  <span className="text-slate-500">{t("revokedAt")} <LocalTime iso={c.revokedAt} /></span>
                ) : (
                  <RevokeButton clientId={c.id} name={c.name} />
                )}
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <NewClientForm platforms={platformOptions} />
    </>
  );
}
