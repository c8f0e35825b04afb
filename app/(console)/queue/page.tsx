import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { queueCounts, queuePage } from "@/lib/queue/queue-query";
import { parseQueueSearch, queueSearchString } from "@/lib/queue/queue-search";
import { storedPriority } from "@/lib/queue/priority";
import { platformStandings } from "@/lib/ratings/platform-standing";
import { categories } from "@/lib/rules/categories";
import { BulkDecideForm } from "./bulk-decide-form";
import { QueueFilters } from "./queue-filters";
import { QueueKeys } from "./queue-keys";
import { QueueTable } from "./queue-table";
import { QueueTabs } from "./queue-tabs";

type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata() {
  return { title: (await getTranslations("queue"))("title") };
}

/** A text search that names a domain, for the "select every case on this domain" shortcut. */
const domainOf = (q: string | undefined) => (q && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(q) ? q.toLowerCase() : null);

export default async function QueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("cases.view");
  const t = await getTranslations("queue");
  const tAll = await getTranslations();
  const zh = (await getLocale()) === "zh";
  const parsed = parseQueueSearch(await searchParams);
  const header = <PageHeader title={t("title")} description={t("description")} />;
  if (!parsed.ok) {
    return (
      <>
        {header}
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-5" data-testid="queue-invalid">
          <p className="font-medium text-red-900">{t("invalid.title")}</p>
          <ul className="mt-2 list-disc pl-5 text-sm text-red-900">
            {Object.entries(parsed.fieldErrors).map(([name, keys]) => (
              <li key={name}>
                <code>{name}</code>: {keys.map((key) => (tAll.has(key) ? tAll(key) : tAll("validation.invalid"))).join(" ")}
              </li>
            ))}
          </ul>
          <Link href="/queue" className="mt-3 inline-block text-brand-700 underline">{t("invalid.reset")}</Link>
        </div>
      </>
    );
  }

  const search = parsed.search;
  const db = getDb();
  const now = new Date().toISOString();
  const counts = queueCounts(db, actor, search, now);
  const page = queuePage(db, actor, search, now);
  const standings = platformStandings(db);
  const ownSearch = queueSearchString(search);
  const rows = page.rows.map((row) => ({
    ...row,
    score: storedPriority(row.priorityParts),
    href: `/cases/${row.id}?queue=${encodeURIComponent(ownSearch)}`,
  }));
  const categoryOptions = categories.map((c) => ({ code: c.code, name: zh ? c.nameZh : c.nameEn }));
  const platformOptions = [...standings.values()].map((p) => ({ id: p.id, name: zh ? p.nameZh : p.name }));
  const canDecide = can(actor.role, "cases.decide");
  const filtered = ownSearch.replace(/(^|&)tab=[^&]*/, "").replace(/(^|&)after=[^&]*/, "") !== "";
  const nextHref = page.nextCursor ? `/queue?${queueSearchString(search, { after: page.nextCursor })}` : null;
  const firstQuery = queueSearchString(search, { after: undefined });

  return (
    <>
      {header}
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <QueueTabs search={search} counts={counts} />
        <QueueKeys />
      </div>
      <QueueFilters search={search} categories={categoryOptions} platforms={platformOptions} />
      {rows.length === 0 ? (
        <EmptyState title={t(`empty.${search.tab}.title`)}>
          {filtered ? t("empty.filtered") : t(`empty.${search.tab}.hint`)}
        </EmptyState>
      ) : (
        <QueueTable rows={rows} platforms={standings} canDecide={canDecide} actorId={actor.id} now={now} />
      )}
      <KeysetPager
        label={t("pages")}
        first={search.after ? { href: firstQuery ? `/queue?${firstQuery}` : "/queue", label: t("firstPage") } : null}
        next={nextHref ? { href: nextHref, label: t("nextPage"), testId: "queue-next-page" } : null}
      />
      {canDecide && rows.some((r) => r.status === "open" || r.status === "escalated") && (
        <BulkDecideForm categories={categoryOptions} domain={domainOf(search.q)} senior={can(actor.role, "cases.decideSenior")} />
      )}
    </>
  );
}
