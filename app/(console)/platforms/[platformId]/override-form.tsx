"use client";
// A manager's grade override: grade, reason and end date, checked here for the obvious gaps (with the
// same catalog messages the server answers), then a confirm step that says what will happen, then
// the action — which checks everything again and is audited.
import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useEffect, useRef, useState } from "react";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { grades } from "@/db/schema";
import type { ActionResult } from "@/lib/auth/action-result";
import { overrideGrade } from "./actions";

const input = "w-full rounded border border-slate-300 px-3 py-2";
const label = "mb-1 block text-sm font-medium";
type Fields = { grade: string; reason: string; endsAt: string };

function check(fields: Fields, today: string, minReason: number): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  if (!(grades as readonly string[]).includes(fields.grade)) errors.grade = ["validation.required"];
  if ([...fields.reason.trim()].length < minReason) errors.reason = [fields.reason.trim() ? "ratings.errors.reasonTooShort" : "validation.required"];
  if (!fields.endsAt) errors.endsAt = ["validation.required"];
  else if (fields.endsAt <= today) errors.endsAt = ["ratings.errors.endInPast"];
  return Object.keys(errors).length > 0 ? errors : null;
}

type Props = { platformId: number; computedGrade: string | null; platformName: string; /** lib/ratings/override.ts MIN_OVERRIDE_REASON */ minReason: number };

export function OverrideForm({ platformId, computedGrade, platformName, minReason }: Props) {
  const t = useTranslations("platformRating.override");
  const [state, action, pending] = useActionState<ActionResult | undefined, FormData>(overrideGrade, undefined);
  const [local, setLocal] = useState<Record<string, string[]> | null>(null);
  // The confirmation belongs to the answer it was asked after: the next answer closes it.
  const [asked, setAsked] = useState<{ fields: Fields; after: typeof state } | null>(null);
  const confirming = asked && asked.after === state ? asked.fields : null;
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = local ?? (state && !state.ok ? state.fieldErrors : undefined);
  const today = new Date().toISOString().slice(0, 10);

  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const fields = { grade: String(data.get("grade") ?? ""), reason: String(data.get("reason") ?? ""), endsAt: String(data.get("endsAt") ?? "") };
    const found = check(fields, today, minReason);
    setLocal(found);
    if (!found) setAsked({ fields, after: state });
  }

  function confirm() {
    if (!form.current) return;
    const data = new FormData(form.current);
    startTransition(() => action(data));
  }

  return (
    // Folded away until wanted: reading the rating comes first on this page.
    <details className="rounded-lg border border-slate-200 bg-white" data-testid="override-form">
      <summary className="cursor-pointer px-4 py-3 text-base font-medium text-brand-700">{t("title")}</summary>
      <form ref={form} onSubmit={review} className="grid gap-3 border-t border-slate-100 p-4 sm:grid-cols-[8rem_1fr_11rem]" noValidate>
        <p className="text-sm text-slate-600 sm:col-span-3">{t("explain")}</p>
        <input type="hidden" name="platformId" value={platformId} />
        <div>
          <label htmlFor="override-grade" className={label}>{t("grade")}</label>
          <select id="override-grade" name="grade" className={input} defaultValue="" disabled={confirming !== null} aria-describedby="override-grade-error">
            <option value="" disabled>{t("choose")}</option>
            {grades.map((g) => (
              <option key={g} value={g}>{g}</option>
            ))}
          </select>
          <FieldError id="override-grade-error" errors={errors?.grade} />
        </div>
        <div>
          <label htmlFor="override-reason" className={label}>{t("reason")}</label>
          <textarea id="override-reason" name="reason" rows={2} className={input} readOnly={confirming !== null} aria-describedby="override-reason-hint override-reason-error" />
          <p id="override-reason-hint" className="mt-1 text-xs text-slate-500">{t("reasonHint", { min: minReason })}</p>
          <FieldError id="override-reason-error" errors={errors?.reason} />
        </div>
        <div>
          <label htmlFor="override-ends" className={label}>{t("endsAt")}</label>
          <input id="override-ends" name="endsAt" type="date" min={today} className={input} readOnly={confirming !== null} aria-describedby="override-ends-hint override-ends-error" />
          <p id="override-ends-hint" className="mt-1 text-xs text-slate-500">{t("endsHint")}</p>
          <FieldError id="override-ends-error" errors={errors?.endsAt} />
        </div>
        {/* A disabled select is not submitted: keep the chosen grade in the form while confirming. */}
        {confirming && <input type="hidden" name="grade" value={confirming.grade} />}
        <div className="flex flex-wrap items-center gap-3 sm:col-span-3">
          {confirming ? (
            <>
              <p className="w-full text-sm text-slate-800" data-testid="override-confirm-text">
                {t("confirmText", { platform: platformName, grade: confirming.grade, computed: computedGrade ?? "—", endsAt: confirming.endsAt })}
              </p>
              <button type="button" autoFocus disabled={pending} onClick={confirm} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
                {t("confirm")}
              </button>
              <button type="button" disabled={pending} onClick={() => setAsked(null)} className="rounded border border-slate-300 px-4 py-2">
                {t("back")}
              </button>
            </>
          ) : (
            <button type="submit" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              {t("review")}
            </button>
          )}
          {state?.ok && !confirming && <p role="status" className="text-sm text-green-800">{t("saved")}</p>}
        </div>
        {!errors && <div className="sm:col-span-3"><FormMessage result={state} /></div>}
      </form>
    </details>
  );
}
