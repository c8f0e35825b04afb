import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatCard } from "@/components/ui/stat-card";
import { ActionError } from "@/lib/auth/action-result";
import { requirePage } from "@/lib/auth/require-page";
import { getDb } from "@/lib/db";
import { FAIRNESS_RULE } from "@/lib/fairness/compare";
import { type FairnessReport, fairnessReport } from "@/lib/fairness/report";
import { type Labels, fairnessLabels, situationId } from "./labels";
import { PeriodForm } from "./period-form";
import { SituationTable } from "./situation-table";

export async function generateMetadata() {
  return { title: (await getTranslations("fairness"))("title") };
}

type Search = { from?: string | string[]; to?: string | string[]; category?: string | string[] };

/** A repeated parameter is not a value we accept: joined, it fails validation with a clear message. */
const param = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : value);

export default async function FairnessPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePage("fairness.view");
  const t = await getTranslations("fairness");
  const search = await searchParams;
  const input = { from: param(search.from), to: param(search.to), category: param(search.category) };

  let report: FairnessReport;
  try {
    report = fairnessReport(getDb(), input, { timeZone: actor.timeZone });
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    return (
      <>
        <PageHeader title={t("title")} description={t("description")} />
        <p role="alert" className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="fairness-error">{t("errorsTitle")}</p>
        <PeriodForm values={{ from: input.from ?? "", to: input.to ?? "", category: input.category ?? "" }} errors={error.fieldErrors} timeZone={actor.timeZone} />
      </>
    );
  }

  const { period } = report;
  const labels = await fairnessLabels();
  const format = await getFormatter();
  const query = new URLSearchParams({ from: period.from, to: period.to, ...(period.category ? { category: period.category } : {}) });
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          report.decisions > 0 && (
            <a href={`/fairness/csv?${query}`} className="shrink-0 rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-brand-700 hover:border-brand-600" download>
              {t("downloadCsv")}
            </a>
          )
        }
      />
      <PeriodForm values={{ from: period.from, to: period.to, category: period.category ?? "" }} timeZone={actor.timeZone} />
      <p className="mb-4 text-slate-700" data-testid="fairness-summary">
        {t("summary", { from: period.from, to: period.to, decisions: report.decisions, situations: report.situations.length, compared: report.compared, flags: report.flags.length })}
      </p>
      {report.decisions === 0 ? (
        <EmptyState title={t("noneTitle")}>{t("noneExplain")}</EmptyState>
      ) : (
        <>
          <div className="mb-6 grid gap-4 sm:grid-cols-3">
            <StatCard label={t("statDecisions")} value={format.number(report.decisions)} testId="fairness-decisions" />
            <StatCard label={t("statCompared")} value={format.number(report.compared)} testId="fairness-compared" />
            <StatCard label={t("statFlags")} value={format.number(report.flags.length)} testId="fairness-flags" />
          </div>
          <Findings title={t("flaggedTitle")} items={report.flags} labels={labels} empty={t("noFlags")} testId="fairness-flagged" tone="flag" />
          {report.lighter.length > 0 && (
            <Findings title={t("lighterTitle")} intro={t("lighterIntro")} items={report.lighter} labels={labels} testId="fairness-lighter" tone="lighter" />
          )}
          <RuleExplained />
          <h2 className="mb-3 mt-8 text-lg font-medium">{t("situationsTitle")}</h2>
          {report.situations.map((situation) => (
            <SituationTable key={situationId(situation)} situation={situation} labels={labels} />
          ))}
        </>
      )}
    </>
  );
}

/** The flagged (or lighter) platform-situation pairs, one plain sentence each, linked to their table. */
async function Findings(props: {
  title: string;
  intro?: string;
  items: FairnessReport["flags"];
  labels: Labels;
  empty?: string;
  testId: string;
  tone: "flag" | "lighter";
}) {
  const t = await getTranslations("fairness");
  const format = await getFormatter();
  const border = props.tone === "flag" ? "border-red-200" : "border-sky-200";
  return (
    <section aria-labelledby={`${props.testId}-title`} className={`mb-6 rounded-lg border ${border} bg-white p-4`} data-testid={props.testId}>
      <h2 id={`${props.testId}-title`} className="text-lg font-medium">{props.title}</h2>
      {props.intro && <p className="mt-1 text-sm text-slate-600">{props.intro}</p>}
      {props.items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{props.empty}</p>
      ) : (
        <ul className="mt-2 grid gap-2">
          {props.items.map(({ situation, handling }) => {
            const c = handling.comparison;
            return (
              <li key={`${situationId(situation)}-${handling.platform.slug}`} className="text-sm text-slate-800">
                {t("flagSentence", {
                  platform: props.labels.platform(handling.platform),
                  situation: props.labels.situation(situation),
                  level: c.typical.level,
                  count: format.number(c.typical.count),
                  total: format.number(c.decisions),
                  mean: props.labels.mean(c.meanLevel),
                  otherMean: props.labels.mean(c.otherMeanLevel ?? 0),
                  otherTotal: format.number(c.otherDecisions),
                })}{" "}
                <Link href={`#${situationId(situation)}`} className="text-brand-700 underline">{t("seeSituation")}</Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** THE RULE of lib/fairness/compare.ts, in words, with the numbers it uses. */
async function RuleExplained() {
  const t = await getTranslations("fairness");
  return (
    <details className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700" data-testid="fairness-rule">
      <summary className="cursor-pointer font-medium text-slate-900">{t("ruleTitle")}</summary>
      <p className="mt-2">{t("ruleIntro")}</p>
      <ol className="mt-2 list-decimal space-y-1 pl-6">
        <li>{t("ruleEnough", { min: FAIRNESS_RULE.minDecisions, minOthers: FAIRNESS_RULE.minOtherDecisions })}</li>
        <li>{t("ruleGap", { gap: FAIRNESS_RULE.minMeanGap })}</li>
        <li>{t("ruleChance", { alpha: FAIRNESS_RULE.alpha })}</li>
      </ol>
      <p className="mt-2">{t("ruleAll")}</p>
    </details>
  );
}
