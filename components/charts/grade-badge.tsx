// A platform's grade as a coloured letter, with its marks in words (never colour alone): provisional
// (fewer than 20 decided cases), capped at C (a critical notice overdue), and a manager's override
// in force shown beside the computed grade, e.g. "B  overridden: C". Works in server and client
// components alike (no state).
import { useTranslations } from "next-intl";
import type { Grade } from "@/db/schema";
import { GRADE_COLORS, GRADE_TEXT, GRADE_TINTS } from "./palette";

type Props = {
  /** The computed grade of the latest snapshot; null when the platform has none yet. */
  grade: Grade | null;
  provisional?: boolean;
  cappedAtC?: boolean;
  /** The grade of an override in force, if any. */
  override?: Grade | null;
  testId?: string;
};

function Letter({ grade, label }: { grade: Grade; label: string }) {
  return (
    <span
      title={label}
      aria-label={label}
      className="inline-flex h-6 min-w-6 items-center justify-center rounded border px-1.5 text-sm font-semibold"
      style={{ backgroundColor: GRADE_TINTS[grade], borderColor: GRADE_COLORS[grade], color: GRADE_TEXT[grade] }}
    >
      {grade}
    </span>
  );
}

export function GradeBadge({ grade, provisional = false, cappedAtC = false, override = null, testId }: Props) {
  const t = useTranslations("charts.grade");
  if (grade === null) {
    return (
      <span className="text-sm text-slate-500" data-testid={testId}>
        {t("none")}
      </span>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5" data-testid={testId} data-grade={grade} data-override={override ?? undefined}>
      <Letter grade={grade} label={t("computed", { grade })} />
      {provisional && (
        <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700" title={t("provisionalHint")}>
          {t("provisional")}
        </span>
      )}
      {cappedAtC && (
        <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700" title={t("cappedHint")}>
          {t("capped")}
        </span>
      )}
      {override && (
        <span className="inline-flex items-center gap-1 rounded border border-dashed border-slate-400 px-1.5 py-0.5 text-xs text-slate-800" title={t("overrideHint")}>
          {t("overridden")}
          <Letter grade={override} label={t("overrideGrade", { grade: override })} />
        </span>
      )}
    </span>
  );
}
