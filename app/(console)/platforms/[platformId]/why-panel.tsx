// "Why this grade": the latest snapshot taken apart, in words and numbers, and what moved the score
// since 7 and 30 days before — how a manager explains a grade that fell.
import { getFormatter, getTranslations } from "next-intl/server";
import { type ComponentExplanation, type Comparison, explainGrade } from "@/lib/ratings/why";
import { platformHistory } from "./rating-data";

type Format = Awaited<ReturnType<typeof getFormatter>>;

const points = (format: Format, n: number) => format.number(n, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const rate = (format: Format, n: number) => format.number(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = (format: Format, n: number) => `${n > 0 ? "+" : n < 0 ? "−" : "±"}${points(format, Math.abs(n))}`;

function Num({ id, children }: { id: string; children: string }) {
  return (
    <strong className="font-semibold tabular-nums text-slate-900" data-testid={id}>
      {children}
    </strong>
  );
}

export async function WhyPanel({ platformId }: { platformId: number }) {
  const t = await getTranslations("platformRating");
  const format = await getFormatter();
  const why = explainGrade(platformHistory(platformId));
  if (!why) {
    return (
      <section aria-labelledby="why-title" className="rounded-lg border border-dashed border-slate-300 bg-white p-4" data-testid="why-panel">
        <h2 id="why-title" className="text-base font-medium">{t("why.title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("noSnapshots")}</p>
      </section>
    );
  }

  const line = (c: ComponentExplanation) => {
    const id = (part: string) => `why-${c.key}-${part}`;
    const n = (part: string, value: number) => <Num id={id(part)}>{format.number(value)}</Num>;
    const result = (
      <>
        {" → "}
        {t(`components.${c.key}.rateName`)} <Num id={id("rate")}>{rate(format, c.rate)}</Num>
        {" → "}
        {t.rich("why.pointsOf", {
          points: () => <Num id={id("points")}>{points(format, c.points)}</Num>,
          max: format.number(c.maxPoints),
        })}
      </>
    );
    switch (c.key) {
      case "violation":
        return <>{t.rich("why.violation", { confirmed: () => n("numerator", c.numerator), decided: () => n("denominator", c.denominator) })}{result}</>;
      case "rectification":
        return c.denominator === 0 ? (
          <>{t("why.rectificationNone")}{result}</>
        ) : (
          <>{t.rich("why.rectification", { onTime: () => n("numerator", c.numerator), due: () => n("denominator", c.denominator) })}{result}</>
        );
      case "repeat":
        return c.denominator === 0 ? (
          <>{t("why.noConfirmed")}{result}</>
        ) : (
          <>{t.rich("why.repeat", { repeats: () => n("numerator", c.numerator), confirmed: () => n("denominator", c.denominator) })}{result}</>
        );
      case "severity":
        return c.denominator === 0 ? (
          <>{t("why.noConfirmed")}{result}</>
        ) : (
          <>
            {t.rich("why.severity", {
              sum: () => n("numerator", c.numerator),
              confirmed: () => n("denominator", c.denominator),
              mean: rate(format, c.numerator / c.denominator),
            })}
            {result}
          </>
        );
    }
  };

  return (
    <section aria-labelledby="why-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="why-panel">
      <h2 id="why-title" className="text-base font-medium">{t("why.title")}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {t.rich("why.summary", {
          day: why.day,
          score: () => <Num id="why-score">{points(format, why.score)}</Num>,
          grade: () => <Num id="why-grade">{why.grade}</Num>,
        })}
      </p>
      <ol className="mt-3 space-y-2 text-sm text-slate-700">
        {why.components.map((c) => (
          <li key={c.key} data-testid={`why-${c.key}`}>
            <span className="font-medium text-slate-900">{t(`components.${c.key}.name`)}:</span> {line(c)}
          </li>
        ))}
      </ol>
      <p className="mt-3 text-sm text-slate-700">
        {t.rich("why.total", {
          parts: why.components.map((c) => points(format, c.points)).join(" + "),
          score: points(format, why.score),
          gradeByScore: why.gradeByScore,
        })}
      </p>
      {why.cappedAtC && (
        <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="why-capped">{t("why.capped", { gradeByScore: why.gradeByScore })}</p>
      )}
      {why.provisional && (
        <p className="mt-2 rounded bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="why-provisional">
          {t("why.provisional", { decided: why.components[0]!.denominator, below: why.provisionalBelow })}
        </p>
      )}
      <h3 className="mt-4 text-sm font-medium text-slate-900">{t("why.changesTitle")}</h3>
      <ul className="mt-1 space-y-1 text-sm text-slate-700">
        {why.comparisons.map((c) => (
          <li key={c.days} data-testid={`why-since-${c.days}`}>
            <Change comparison={c} t={t} format={format} />
          </li>
        ))}
      </ul>
      {why.comparisons.some((c) => c.changes) && (
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("why.changesTitle")}</caption>
            <thead className="text-left text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-4">{t("why.component")}</th>
                <th scope="col" className="py-1 pr-4 text-right">{t("why.pointsNow")}</th>
                {why.comparisons.map((c) => (
                  <th key={c.days} scope="col" className="py-1 pr-4 text-right">{t("why.changeSince", { days: c.days })}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {why.components.map((k) => (
                <tr key={k.key} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-4 text-left font-normal">{t(`components.${k.key}.short`)}</th>
                  <td className="py-1 pr-4 text-right tabular-nums">{points(format, k.points)}</td>
                  {why.comparisons.map((c) => (
                    <td key={c.days} className={`py-1 pr-4 text-right tabular-nums ${c.mainMover === k.key ? "font-semibold" : ""}`}>
                      {c.changes ? signed(format, c.changes[k.key]) : "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Change({ comparison: c, t, format }: { comparison: Comparison; t: Awaited<ReturnType<typeof getTranslations<"platformRating">>>; format: Format }) {
  if (!c.changes || c.scoreChange === null || c.scoreBefore === null) return <>{t("why.noEarlier", { days: c.days })}</>;
  const direction = c.scoreChange < 0 ? "fell" : c.scoreChange > 0 ? "rose" : "same";
  const head = t(`why.since.${direction}`, {
    days: c.days,
    before: points(format, c.scoreBefore),
    change: points(format, Math.abs(c.scoreChange)),
    gradeBefore: c.gradeBefore ?? "—",
  });
  if (!c.mainMover) return <>{head}</>;
  return (
    <>
      {head}{" "}
      {t("why.mainMover", { component: t(`components.${c.mainMover}.short`), change: signed(format, c.changes[c.mainMover]) })}
    </>
  );
}
