import { getTranslations } from "next-intl/server";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { getDb } from "@/lib/db";
import { platformDomainList } from "@/lib/platforms/platform-domains";
import { AddDomainForm } from "./add-domain-form";
import { RemoveDomainButton } from "./remove-domain-button";

type Props = { platform: { id: number; isIndependent: boolean }; canEdit: boolean };

/**
 * A platform's registry entries, with adding and removing for those who may edit the registry.
 * Its own section, so the platform page can show other panels (ratings) beside it.
 */
export async function PlatformDomains({ platform, canEdit }: Props) {
  const t = await getTranslations("platforms");
  if (platform.isIndependent) {
    return (
      <section aria-labelledby="domains-title">
        <h2 id="domains-title" className="mb-2 text-lg font-medium">{t("domainsTitle")}</h2>
        <p className="max-w-3xl text-sm text-slate-600">{t("independentExplainer")}</p>
      </section>
    );
  }
  const domains = platformDomainList(getDb(), platform.id);
  return (
    <section aria-labelledby="domains-title">
      <h2 id="domains-title" className="text-lg font-medium">{t("domainsTitle")}</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">{t("domainsDescription")}</p>
      {domains.length === 0 ? (
        <EmptyState title={t("noDomains")}>{t("noDomainsHint")}</EmptyState>
      ) : (
        <DataTable columns={[t("domain"), t("domainKind"), t("addedAt"), ...(canEdit ? [t("actions")] : [])]}>
          {domains.map((d) => (
            <Row key={d.id} testId={`domain-${d.domain}`}>
              <Cell className="font-mono">{d.domain}</Cell>
              <Cell>{t(`domainKinds.${d.kind}`)}</Cell>
              <Cell className="whitespace-nowrap"><LocalTime iso={d.createdAt} /></Cell>
              {canEdit && (
                <Cell>
                  <RemoveDomainButton domainId={d.id} domain={d.domain} />
                </Cell>
              )}
            </Row>
          ))}
        </DataTable>
      )}
      {canEdit && (
        <>
          <AddDomainForm platformId={platform.id} />
          <p className="mt-2 max-w-3xl text-xs text-slate-500">{t("reattributionNote")}</p>
        </>
      )}
    </section>
  );
}
