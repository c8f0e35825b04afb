import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { eventDiff, eventPage, knownActions } from "@/lib/audit/event-search";
import { type EventFilters, filterQuery, parseEventFilters } from "@/lib/audit/filters";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { getSqlite } from "@/lib/db";
import { AuditTabs, FilterProblems, inputClass, labelClass, searchParamsOf } from "../audit-tabs";

export async function generateMetadata() {
  return { title: (await getTranslations("auditLog"))("events.title") };
}

type Search = Record<string, string | string[] | undefined>;

export default async function AuditEventsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("audit.search");
  const t = await getTranslations("auditLog");
  const params = searchParamsOf(await searchParams);
  const parsed = parseEventFilters(params, ["before"]);
  const filters: EventFilters = parsed.ok ? parsed.filters : {};
  const beforeRaw = Number(params.get("before"));
  const before = Number.isInteger(beforeRaw) && beforeRaw > 0 ? beforeRaw : null;
  const sqlite = getSqlite();
  const { rows, nextBefore } = parsed.ok ? eventPage(sqlite, filters, before) : { rows: [], nextBefore: null };
  const staff = sqlite.prepare("select id, name from users order by name").all() as { id: number; name: string }[];
  const actions = knownActions(sqlite);
  const query = filterQuery(filters);
  const value = (name: string) => params.get(name) ?? "";
  const caseHistory = filters.targetType === "case" && filters.targetId ? filters.targetId : null;
  const canExport = can(actor.role, "exports.events");

  return (
    <>
      <PageHeader
        title={caseHistory ? t("events.caseTitle", { id: caseHistory }) : t("events.title")}
        description={t("events.description")}
        actions={
          canExport && parsed.ok && (
            <div className="flex shrink-0 gap-2 text-sm" data-testid="event-downloads">
              <a href={`/api/export/events${filterQuery(filters, { format: "csv" })}`} className="rounded border border-slate-300 bg-white px-3 py-2 font-medium text-brand-700 hover:border-brand-600" download>
                {t("downloadCsv")}
              </a>
              <a href={`/api/export/events${filterQuery(filters, { format: "ndjson" })}`} className="rounded border border-slate-300 bg-white px-3 py-2 font-medium text-brand-700 hover:border-brand-600" download>
                {t("downloadNdjson")}
              </a>
            </div>
          )
        }
      />
      <AuditTabs actor={actor} current="events" />
      {caseHistory && (
        <p className="mb-3 text-sm text-slate-700">
          {t("events.caseExplain")} <Link href={`/cases/${caseHistory}`} className="text-brand-700 underline">{t("events.openCase", { id: caseHistory })}</Link>
        </p>
      )}
      {!parsed.ok && <FilterProblems problems={parsed.problems} />}
      <Form action="/audit/events" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" aria-label={t("filters")}>
        <div>
          <label htmlFor="ev-from" className={labelClass}>{t("from")}</label>
          <input id="ev-from" name="from" type="date" defaultValue={value("from")} className={inputClass} />
        </div>
        <div>
          <label htmlFor="ev-to" className={labelClass}>{t("to")}</label>
          <input id="ev-to" name="to" type="date" defaultValue={value("to")} className={inputClass} />
        </div>
        <div>
          <label htmlFor="ev-actor" className={labelClass}>{t("actor")}</label>
          <select id="ev-actor" name="actor" defaultValue={value("actor")} className={inputClass}>
            <option value="">{t("any")}</option>
            <option value="system">{t("system")}</option>
            {staff.map((s) => (
              <option key={s.id} value={String(s.id)}>{s.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ev-action" className={labelClass}>{t("actionType")}</label>
          <input id="ev-action" name="action" list="ev-actions" defaultValue={value("action")} placeholder="decision." className={`${inputClass} w-48 font-mono`} aria-describedby="ev-action-hint" />
          <datalist id="ev-actions">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="ev-target" className={labelClass}>{t("target")}</label>
          <input id="ev-target" name="target" defaultValue={value("target")} placeholder="case:12" className={`${inputClass} w-36 font-mono`} aria-describedby="ev-action-hint" />
        </div>
        <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">{t("apply")}</button>
        {query && <Link href="/audit/events" className="py-1.5 text-sm text-brand-700 underline">{t("clear")}</Link>}
        <p id="ev-action-hint" className="w-full text-xs text-slate-500">{t("events.hint")}</p>
      </Form>
      {rows.length === 0 ? (
        <EmptyState title={t("events.none")}>{query ? t("events.noneFiltered") : null}</EmptyState>
      ) : (
        <DataTable columns={[t("seq"), t("time"), t("actor"), t("actionType"), t("target"), t("change")]}>
          {rows.map((e) => {
            const diff = eventDiff(e.before, e.after);
            const changed = diff.filter((d) => d.changed).length;
            return (
              <Row key={e.seq} testId="event-row">
                <Cell className="tabular-nums">{e.seq}</Cell>
                <Cell className="whitespace-nowrap"><LocalTime iso={e.at} withSeconds /></Cell>
                <Cell>{e.actorName ?? t("system")}</Cell>
                <Cell className="font-mono text-xs">{e.action}</Cell>
                <Cell className="font-mono text-xs">
                  {e.targetId ? (
                    <Link href={`/audit/events?target=${e.targetType}:${encodeURIComponent(e.targetId)}`} className="text-brand-700 underline">{e.targetType} #{e.targetId}</Link>
                  ) : (
                    e.targetType
                  )}
                </Cell>
                <Cell className="text-xs">
                  {diff.length === 0 ? (
                    "—"
                  ) : (
                    <details>
                      <summary className="cursor-pointer text-brand-700">{t("changedKeys", { changed, total: diff.length })}</summary>
                      <table className="mt-1 font-mono text-[11px]">
                        <thead>
                          <tr className="text-left text-slate-500">
                            <th scope="col" className="pr-2">{t("key")}</th>
                            <th scope="col" className="pr-2">{t("before")}</th>
                            <th scope="col">{t("after")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {diff.map((d) => (
                            <tr key={d.key} className={d.changed ? "bg-amber-50" : "text-slate-500"} data-changed={d.changed || undefined}>
                              <th scope="row" className="pr-2 text-left font-medium">{d.changed ? "● " : ""}{d.key}</th>
                              <td className="max-w-60 break-all pr-2 align-top">{d.before === undefined ? "—" : <span className={d.changed ? "text-red-800 line-through decoration-red-300" : ""}>{d.before}</span>}</td>
                              <td className="max-w-60 break-all align-top">{d.after === undefined ? "—" : <span className={d.changed ? "text-green-800" : ""}>{d.after}</span>}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </details>
                  )}
                </Cell>
              </Row>
            );
          })}
        </DataTable>
      )}
      <KeysetPager
        label={t("pages")}
        first={before ? { href: `/audit/events${query}`, label: t("newest") } : null}
        next={nextBefore ? { href: `/audit/events${filterQuery(filters, { before: String(nextBefore) })}`, label: t("olderEvents") } : null}
      />
    </>
  );
}
