import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Cell, DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { type StoredPriority, slaClock } from "@/lib/queue/priority";
import type { QueueRow } from "@/lib/queue/queue-query";
import type { PlatformStanding } from "@/lib/ratings/platform-standing";
import { categoryByCode } from "@/lib/rules/categories";

export type QueueTableRow = QueueRow & { score: StoredPriority | null; href: string };

const partKeys = ["severity", "reporters", "velocity", "trackRecord", "platform", "age", "breach"] as const;

export async function QueueTable({
  rows,
  platforms,
  canDecide,
  actorId,
  now,
}: {
  rows: QueueTableRow[];
  platforms: ReadonlyMap<number, PlatformStanding>;
  canDecide: boolean;
  actorId: number;
  now: string;
}) {
  const t = await getTranslations("queue");
  const format = await getFormatter();
  const zh = (await getLocale()) === "zh";
  const columns = [
    canDecide ? <span className="sr-only" key="select">{t("columns.select")}</span> : null,
    t("columns.priority"),
    t("columns.link"),
    t("columns.platform"),
    t("columns.category"),
    t("columns.reporters"),
    t("columns.lastReport"),
    t("columns.age"),
    t("columns.holder"),
  ].filter((c) => c !== null);
  return (
    <DataTable columns={columns}>
      {rows.map((row) => {
        const platform = row.platformId === null ? undefined : platforms.get(row.platformId);
        const category = categoryByCode(row.claimedCategory);
        const decidable = row.status === "open" || row.status === "escalated";
        const leased = row.assigneeId !== null && row.leaseExpiresAt !== null && row.leaseExpiresAt > now;
        const leasedToOther = leased && row.assigneeId !== actorId;
        const score = row.score;
        // The parts are as of the last scoring; the clock is read now.
        const sla = score && slaClock(score.slaHours, row.reopenedAt ?? row.openedAt, now);
        return (
          <tr
            key={row.id}
            data-queue-row
            data-testid={`queue-row-${row.id}`}
            className="border-t border-slate-100 align-top data-[active]:bg-brand-50 data-[active]:outline-2 data-[active]:outline-brand-600"
          >
            {canDecide && (
              <Cell>
                {decidable && !leasedToOther && (
                  <input
                    type="checkbox"
                    data-queue-select
                    value={`${row.id}:${row.version}`}
                    aria-label={t("selectCase", { id: row.id })}
                    className="mt-1"
                  />
                )}
              </Cell>
            )}
            <Cell className="tabular-nums">
              <details data-testid="priority-details">
                <summary className="cursor-pointer font-medium" title={t("priorityHint")}>{format.number(row.priority, { maximumFractionDigits: 1 })}</summary>
                {score && (
                  <dl className="mt-1 grid w-56 grid-cols-[1fr_auto] gap-x-3 text-xs text-slate-700">
                    {partKeys.map((part) => (
                      <div key={part} className="contents">
                        <dt>{t(`parts.${part}`)}</dt>
                        <dd className="text-right">{format.number(score.parts[part], { maximumFractionDigits: 2 })}</dd>
                      </div>
                    ))}
                    <dt className="border-t border-slate-200 font-medium">{t("parts.total")}</dt>
                    <dd className="border-t border-slate-200 text-right font-medium">{format.number(score.total, { maximumFractionDigits: 2 })}</dd>
                    <dt className="col-span-2 text-slate-500">{t("parts.scoredAt")} <LocalTime iso={score.scoredAt} withSeconds /></dt>
                    <dt className="col-span-2 mt-1 text-slate-500">
                      {t("parts.explain", { credibility: Math.round(score.credibility * 100), sla: score.slaHours })}
                    </dt>
                  </dl>
                )}
              </details>
            </Cell>
            <Cell className="max-w-md">
              <a href={row.href} data-queue-open className="break-all text-brand-700 underline focus:outline-2 focus:outline-brand-600">
                {row.canonicalUrl}
              </a>
              <div className="text-xs text-slate-500">#{row.id} · {row.registrableDomain}</div>
            </Cell>
            <Cell>
              {platform ? (zh ? platform.nameZh : platform.name) : "—"}
              {platform?.grade && <span className="ml-1 rounded bg-slate-100 px-1 text-xs" title={t("grade")}>{platform.grade}</span>}
            </Cell>
            <Cell>{category ? (zh ? category.nameZh : category.nameEn) : row.claimedCategory}</Cell>
            <Cell className="tabular-nums">{format.number(row.reportCount)}</Cell>
            <Cell className="whitespace-nowrap"><LocalTime iso={row.lastReportAt} /></Cell>
            <Cell className="whitespace-nowrap">
              {sla ? t("ageHours", { hours: Math.floor(sla.ageHours) }) : "—"}
              {sla?.breached && <span className="ml-1 rounded bg-red-700 px-1.5 text-xs text-white" data-testid="sla-breached">{t("breached")}</span>}
              {row.status === "escalated" && <span className="ml-1 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("escalatedBadge")}</span>}
            </Cell>
            <Cell className="whitespace-nowrap">
              {leased ? (
                <>
                  {row.assigneeId === actorId ? t("heldByYou") : row.assigneeName}
                  <div className="text-xs text-slate-500">{t("leaseUntil")} <LocalTime iso={row.leaseExpiresAt} /></div>
                </>
              ) : (
                <span className="text-slate-400">{t("unclaimed")}</span>
              )}
            </Cell>
          </tr>
        );
      })}
    </DataTable>
  );
}
