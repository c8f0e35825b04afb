import Form from "next/form";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { levels, outcomes } from "@/db/schema";
import { decisionFilterChoices, decisionLogPage, decodeCursor } from "@/lib/audit/decision-log";
import { type DecisionFilters, filterQuery, parseDecisionFilters, principleValues } from "@/lib/audit/filters";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getSqlite } from "@/lib/db";
import { categoryCodes } from "@/lib/rules/categories";
import { categoryName } from "@/lib/rules/category-name";
import { AuditTabs, FilterProblems, inputClass, labelClass, searchParamsOf } from "../audit-tabs";

export async function generateMetadata() {
  return { title: (await getTranslations("auditLog"))("decisions.title") };
}

type Search = Record<string, string | string[] | undefined>;

export default async function DecisionLogPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("audit.search");
  const t = await getTranslations("auditLog");
  const locale = await getLocale();
  const params = searchParamsOf(await searchParams);
  const parsed = parseDecisionFilters(params, ["after"]);
  const filters: DecisionFilters = parsed.ok ? parsed.filters : {};
  const cursor = decodeCursor(params.get("after") ?? undefined);
  const sqlite = getSqlite();
  const { rows, next } = parsed.ok ? decisionLogPage(sqlite, filters, cursor) : { rows: [], next: null };
  const choices = decisionFilterChoices(sqlite);
  const query = filterQuery(filters);
  const canExport = can(actor.role, "exports.decisions");
  const value = (name: string) => params.get(name) ?? "";
  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={`dl-${name}`} className={labelClass}>{label}</label>
      <select id={`dl-${name}`} name={name} defaultValue={value(name)} className={inputClass}>
        <option value="">{t("any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <PageHeader
        title={t("decisions.title")}
        description={t("decisions.description")}
        actions={
          canExport && parsed.ok && (
            <div className="flex shrink-0 gap-2 text-sm" data-testid="decision-downloads">
              <a href={`/api/export/decisions${filterQuery(filters, { format: "csv" })}`} className="rounded border border-slate-300 bg-white px-3 py-2 font-medium text-brand-700 hover:border-brand-600" download>
                {t("downloadCsv")}
              </a>
              <a href={`/api/export/decisions${filterQuery(filters, { format: "ndjson" })}`} className="rounded border border-slate-300 bg-white px-3 py-2 font-medium text-brand-700 hover:border-brand-600" download>
                {t("downloadNdjson")}
              </a>
            </div>
          )
        }
      />
      <AuditTabs actor={actor} current="decisions" />
      {!parsed.ok && <FilterProblems problems={parsed.problems} />}
      <Form action="/audit/decisions" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label={t("filters")}>
        <div>
          <label htmlFor="dl-from" className={labelClass}>{t("from")}</label>
          <input id="dl-from" name="from" type="date" defaultValue={value("from")} className={inputClass} />
        </div>
        <div>
          <label htmlFor="dl-to" className={labelClass}>{t("to")}</label>
          <input id="dl-to" name="to" type="date" defaultValue={value("to")} className={inputClass} />
        </div>
        {select("platform", t("platform"), choices.platforms.map((p) => ({ value: p.slug, label: locale === "zh" ? p.nameZh : p.name })))}
        {select("category", t("category"), categoryCodes.map((c) => ({ value: c, label: categoryName(c, locale) })))}
        {select("principle", t("principle"), principleValues.map((p) => ({ value: p, label: p })))}
        {select("level", t("level"), levels.map((l) => ({ value: l, label: l })))}
        {select("outcome", t("outcome"), outcomes.map((o) => ({ value: o, label: t(`outcomes.${o}`) })))}
        {select("decider", t("decider"), choices.deciders.map((d) => ({ value: String(d.id), label: d.name })))}
        {select("ruleVersion", t("ruleVersion"), choices.ruleVersions.map((v) => ({ value: String(v.version), label: `v${v.version}` })))}
        <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">{t("apply")}</button>
        {query && <Link href="/audit/decisions" className="py-1.5 text-sm text-brand-700 underline">{t("clear")}</Link>}
      </Form>
      <p className="mb-3 text-xs text-slate-500">{t("utcNote")}</p>
      {rows.length === 0 ? (
        <EmptyState title={t("decisions.none")}>{query ? t("decisions.noneFiltered") : t("decisions.noneYet")}</EmptyState>
      ) : (
        <DataTable columns={[t("time"), t("case"), t("platform"), t("categoryPrinciple"), t("action"), t("ruleVersion"), t("outcome"), t("decider"), t("rationale"), t("later")]}>
          {rows.map((d) => (
            <Row key={d.decisionId} testId="decision-row">
              <Cell className="whitespace-nowrap"><LocalTime iso={d.decidedAt} /></Cell>
              <Cell>
                <Link href={`/cases/${d.caseId}`} className="text-brand-700 underline">#{d.caseId}</Link>
                <div className="max-w-64 truncate font-mono text-xs text-slate-600" title={d.canonicalUrl}>{d.canonicalUrl}</div>
                <Link href={`/audit/events?target=case:${d.caseId}`} className="text-xs text-brand-700 underline" data-testid="case-history-link">{t("history")}</Link>
              </Cell>
              <Cell>{d.platformSlug ? (locale === "zh" ? d.platformNameZh : d.platformName) : "—"}</Cell>
              <Cell>{d.category ? categoryName(d.category, locale) : "—"}<div className="text-xs text-slate-500">{d.principle ?? ""}</div></Cell>
              <Cell className="whitespace-nowrap">{d.level}{d.durationHours ? <span className="text-xs text-slate-500"> · {t("hours", { hours: d.durationHours })}</span> : null}</Cell>
              <Cell>v{d.ruleVersion}</Cell>
              <Cell>{t(`outcomes.${d.outcome}`)}</Cell>
              <Cell>{d.deciderName}</Cell>
              <Cell className="max-w-72 text-xs text-slate-700">{d.rationale ?? "—"}</Cell>
              <Cell className="text-xs">
                {d.reversalKind ? (
                  <span className="text-red-800">
                    {t(`reversal.${d.reversalKind}`)} · <LocalTime iso={d.reversedAt} />
                    {d.reversedByName ? ` · ${d.reversedByName}` : ""}
                    {d.reversalReason ? <span className="block text-slate-600">{d.reversalReason}</span> : null}
                  </span>
                ) : (
                  "—"
                )}
              </Cell>
            </Row>
          ))}
        </DataTable>
      )}
      <KeysetPager
        label={t("pages")}
        first={cursor ? { href: `/audit/decisions${query}`, label: t("newest") } : null}
        next={next ? { href: `/audit/decisions${filterQuery(filters, { after: next })}`, label: t("older") } : null}
      />
    </>
  );
}
