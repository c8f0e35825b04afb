import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/auth/require-page";
import { caseDecisions, caseDetail, decisionById, linkVariantsOf, possibleAssignees } from "@/lib/cases/case-detail";
import { getDb } from "@/lib/db";
import { engineRulebook } from "@/lib/decisions/case-facts";
import { recommendationFor } from "@/lib/decisions/decide";
import { canonicalize } from "@/lib/links/canonicalize";
import { pathScopeChoices } from "@/lib/verdicts/expressions";
import { undoable } from "@/lib/decisions/undo";
import { platformStanding } from "@/lib/ratings/platform-standing";
import { categoryName } from "@/lib/rules/category-name";
import { appealsOnCase } from "@/lib/appeals/review-list";
import { CaseAppeals } from "./case-appeals";
import { CaseHistory } from "./case-history";
import { DecisionHistory } from "./decision-history";
import { type CategoryOption, DecisionForm } from "./decision-form";
import { UndoButton } from "./decision-buttons";
import { ReassignForm } from "./reassign-form";
import { ReportTimeline } from "./report-timeline";

type Props = { params: Promise<{ caseId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CasePage({ params, searchParams }: Props) {
  const actor = await requirePage("cases.view");
  const id = Number((await params).caseId);
  const db = getDb();
  const detail = Number.isInteger(id) && id > 0 ? caseDetail(db, id) : undefined;
  if (!detail) notFound();
  const query = await searchParams;
  const queue = one(query.queue) ?? null;
  const reportsBefore = Number(one(query.reportsBefore)) || undefined;
  const t = await getTranslations("case");
  const locale = await getLocale();
  const now = new Date();
  const senior = can(actor.role, "cases.decideSenior");
  const decider = can(actor.role, "cases.decide");
  const active = detail.status === "open" || detail.status === "escalated";

  const standing = detail.platformId === null ? null : platformStanding(db, detail.platformId);
  const rulebook = engineRulebook(db);
  const categories: CategoryOption[] = rulebook.rows.map((rule) => {
    const r = recommendationFor(db, detail.id, rule.category, now);
    return {
      code: rule.category,
      name: categoryName(rule.category, locale),
      recommendation: {
        level: r.level,
        durationHours: r.durationHours,
        scope: r.scope,
        alsoSanctionProvider: r.alsoSanctionProvider,
        explanation: locale === "zh" ? r.explanation.zh : r.explanation.en,
      },
      durations: rule.ladder.map((s) => s.durationHours),
    };
  });
  const claimed = categories.find((c) => c.code === detail.claimedCategory) ?? categories[0]!;
  const decisionsOnCase = caseDecisions(db, detail.id);
  const justDecided = Number(one(query.undo)) || null;
  const undoRow = justDecided ? decisionById(db, justDecided) : undefined;
  const leaseActive = detail.assigneeId !== null && detail.leaseExpiresAt !== null && detail.leaseExpiresAt > now.toISOString();
  const independent = detail.platformId === null || detail.isIndependent !== false;
  const canonical = canonicalize(detail.canonicalUrl);
  const pathChoices = canonical.ok ? pathScopeChoices(canonical.link) : [];
  const backToQueue = `/queue${queue ? `?${queue}` : ""}`;

  const facts = [
    detail.isIpLiteral && t("facts.ipLiteral"),
    detail.isShortLink && t("facts.shortLink"),
    detail.isMixedScript && t("facts.homograph"),
  ].filter(Boolean) as string[];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link className="text-brand-700 underline" href={backToQueue}>{t("backToQueue")}</Link>
      </p>
      <PageHeader
        title={t("title", { id: detail.id })}
        description={`${t(`statuses.${detail.status}`)} · ${t("version", { version: detail.version })}`}
        actions={
          can(actor.role, "audit.search") ? (
            <Link className="text-sm text-brand-700 underline" href={`/audit/events?target=${encodeURIComponent(`case:${detail.id}`)}`} data-testid="case-history-link">
              {t("fullHistory")}
            </Link>
          ) : undefined
        }
      />
      {undoRow && undoable(undoRow, actor.id, now) && (
        <div role="status" className="mb-4 flex flex-wrap items-center gap-3 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm" data-testid="previous-decided">
          <span>{t("previousDecided", { id: undoRow.caseId })}</span>
          <UndoButton decisionId={justDecided!} />
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="link-heading">
            <h2 id="link-heading" className="font-semibold">{t("link")}</h2>
            <p className="mt-1 break-all font-mono text-sm" data-testid="canonical-url">{detail.canonicalUrl}</p>
            <dl className="mt-3 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("host")}</dt>
              <dd className="break-all font-mono">{detail.host}</dd>
              <dt className="text-slate-500">{t("domain")}</dt>
              <dd className="font-mono">{detail.registrableDomain}</dd>
              <dt className="text-slate-500">{t("hostFacts")}</dt>
              <dd>
                {facts.length === 0 ? t("facts.none") : facts.map((f) => <span key={f} className="mr-2 rounded bg-amber-100 px-2 py-0.5 text-amber-900">{f}</span>)}
              </dd>
              <dt className="text-slate-500">{t("platform")}</dt>
              <dd>
                {detail.platformId === null ? t("unattributed") : (
                  <Link className="text-brand-700 underline" href={`/platforms/${detail.platformId}`}>{locale === "zh" ? detail.platformNameZh : detail.platformName}</Link>
                )}
                {standing && !standing.isIndependent && (
                  <span className="ml-2 text-slate-700" data-testid="platform-grade">
                    {standing.grade ? t("grade", { grade: standing.grade }) : t("notRated")}
                    {standing.provisional && ` · ${t("provisional")}`}
                    {standing.overridden && ` · ${t("overridden")}`}
                  </span>
                )}
              </dd>
              <dt className="text-slate-500">{t("openedAt")}</dt>
              <dd><LocalTime iso={detail.openedAt} /></dd>
            </dl>
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer">{t("variantsCount", { count: linkVariantsOf(db, detail.linkId).length })}</summary>
              <ul className="mt-1 space-y-1">
                {linkVariantsOf(db, detail.linkId).map((v) => (
                  <li key={v.rawUrl} className="break-all font-mono text-xs">
                    {v.rawUrl}
                    {v.strippedParams && v.strippedParams.length > 0 && <span className="ml-2 text-slate-500">{t("stripped", { params: v.strippedParams.join(", ") })}</span>}
                  </li>
                ))}
              </ul>
            </details>
          </section>

          {detail.status === "escalated" && (
            <section className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="escalation">
              <h2 className="font-semibold">{t("escalation.heading")}</h2>
              <p className="mt-1">{t("escalation.by", { name: detail.escalatedByName ?? "?" })} <LocalTime iso={detail.escalatedAt} /></p>
              <p className="mt-1 whitespace-pre-wrap">{detail.escalationNote}</p>
            </section>
          )}

          <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-labelledby="rec-heading" data-testid="recommendation">
            <h2 id="rec-heading" className="font-semibold">{t("recommendation", { category: claimed.name })}</h2>
            <p className="mt-1 font-medium">
              {t(`form.levels.${claimed.recommendation.level}`)}
              {claimed.recommendation.scope === "domain" && ` · ${t("domainScope")}`}
              {claimed.recommendation.alsoSanctionProvider && ` + ${t("form.levels.L5")}`}
            </p>
            <p className="mt-1 text-slate-700">{claimed.recommendation.explanation}</p>
          </section>

          {active && decider ? (
            <DecisionForm
              caseId={detail.id}
              caseVersion={detail.version}
              status={detail.status as "open" | "escalated"}
              claimedCategory={claimed.code}
              categories={categories}
              senior={senior}
              independent={independent}
              pathChoices={pathChoices}
              host={detail.host}
              registrableDomain={detail.registrableDomain}
              mayDecide={detail.status === "open" || senior}
              queue={queue}
              lease={{ mine: leaseActive && detail.assigneeId === actor.id, holder: leaseActive && detail.assigneeId !== actor.id ? detail.assigneeName : null, until: leaseActive ? detail.leaseExpiresAt : null }}
            />
          ) : active ? (
            <p className="rounded border border-slate-200 bg-white p-3 text-sm text-slate-600" data-testid="read-only">
              {leaseActive ? t("heldByReadOnly", { name: detail.assigneeName ?? "?" }) : t("readOnly")}
            </p>
          ) : null}

          <DecisionHistory decisions={decisionsOnCase} actorId={actor.id} senior={senior} decider={decider} caseDecided={detail.status === "decided"} now={now.toISOString()} />
          <CaseAppeals appeals={appealsOnCase(db, detail.id)} />
          {senior && active && <ReassignForm caseId={detail.id} people={possibleAssignees(db)} />}
        </div>
        <div className="space-y-4">
          <ReportTimeline caseId={detail.id} before={reportsBefore} queue={queue} />
          <CaseHistory detail={detail} />
        </div>
      </div>
    </>
  );
}
