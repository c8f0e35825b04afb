"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { answerNotice } from "./actions";

/**
 * A manager records the platform's answer on its behalf. Once it is saved the page shows the answer
 * in place of this form; an answer is recorded once and cannot be changed.
 */
export function AnswerForm({ noticeId, maxLength }: { noticeId: number; maxLength: number }) {
  const t = useTranslations("notices");
  const [state, action, pending] = useActionState<ActionResult<{ id: number; onTime: boolean }> | undefined, FormData>(answerNotice, undefined);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const fieldId = `notice-answer-${noticeId}`;
  // Folded by default: a page of open notices stays a list to scan, not a wall of text boxes.
  return (
    <details className="group min-w-64" open={Boolean(state && !state.ok)}>
      <summary className="w-fit cursor-pointer list-none rounded border border-brand-600 px-3 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 group-open:mb-2">
        {t("answerOpen")}
      </summary>
      <ActionForm action={action} className="grid gap-2" noValidate>
        <input type="hidden" name="noticeId" value={noticeId} />
        <label htmlFor={fieldId} className="text-xs font-medium text-slate-700">{t("answerLabel")}</label>
        <textarea
          id={fieldId}
          name="answer"
          rows={2}
          maxLength={maxLength}
          className="w-full rounded border border-slate-300 px-2 py-1 text-sm"
          aria-describedby={`${fieldId}-hint ${fieldId}-error`}
        />
        <p id={`${fieldId}-hint`} className="text-xs text-slate-500">{t("answerHint")}</p>
        <FieldError id={`${fieldId}-error`} errors={errors?.answer} />
        {!errors?.answer && <FormMessage result={state} />}
        {state?.ok && <p role="status" className="text-sm text-green-800">{t(state.data.onTime ? "recordedOnTime" : "recordedLate")}</p>}
        <div>
          <button type="submit" disabled={pending} className="rounded bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {t("recordAnswer")}
          </button>
        </div>
      </ActionForm>
    </details>
  );
}
