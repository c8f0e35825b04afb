import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { listApiClients } from "@/lib/api-clients/api-clients";
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
  const clients = listApiClients(getDb());
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {clients.length === 0 ? (
        <EmptyState title={t("none")} />
      ) : (
        <div className="mb-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("name")}</th>
                <th scope="col" className="px-3 py-2">{t("keyPrefix")}</th>
                <th scope="col" className="px-3 py-2">{t("rateLimit")}</th>
                <th scope="col" className="px-3 py-2">{t("createdAt")}</th>
                <th scope="col" className="px-3 py-2">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((c) => (
                <tr key={c.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-medium">{c.name}</td>
                  <td className="px-3 py-2 font-mono text-xs">{c.keyPrefix}…</td>
                  <td className="px-3 py-2 tabular-nums">{c.requestsPerMinute}</td>
                  <td className="px-3 py-2 whitespace-nowrap"><LocalTime iso={c.createdAt} /></td>
                  <td className="px-3 py-2">
                    {c.revokedAt ? (
                      <span className="text-slate-500">{t("revokedAt")} <LocalTime iso={c.revokedAt} /></span>
                    ) : (
                      <RevokeButton clientId={c.id} name={c.name} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewClientForm />
    </>
  );
}
