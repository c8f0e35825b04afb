"use client";
// A senior's review of a request (an appeal, a restore request) in two steps: choose, then confirm what
// the choice does. The note is required for every choice and kept while choosing; a refusal comes
// back beside it.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";

export type ReviewChoice = {
  value: string;
  label: string;
  /** Classes of the first step's button and of the confirming submit button. */
  buttonClass: string;
  confirmClass: string;
  confirmText: string;
  confirmLabel: string;
};

type Props = {
  action: (form: FormData) => void;
  pending: boolean;
  state: ActionResult<unknown> | undefined;
  /** The hidden field naming the request, e.g. { name: "appealId", value: 3 }. */
  target: { name: string; value: number };
  noteId: string;
  noteLabel: string;
  noteHelp: string;
  noteMaxLength: number;
  choices: readonly ReviewChoice[];
  confirmTestId: string;
};

export function TwoStepReviewForm({ action, pending, state, target, noteId, noteLabel, noteHelp, noteMaxLength, choices, confirmTestId }: Props) {
  const tc = useTranslations();
  const [note, setNote] = useState("");
  const [chosen, setChosen] = useState<ReviewChoice | null>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm action={action} className="mt-3 space-y-2 border-t border-slate-100 pt-3" noValidate>
      <input type="hidden" name={target.name} value={target.value} />
      <label htmlFor={noteId} className="block text-sm font-medium">{noteLabel}</label>
      <textarea
        id={noteId}
        name="note"
        rows={2}
        maxLength={noteMaxLength}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        className="w-full rounded border border-slate-300 px-3 py-2 text-sm"
        aria-describedby={`${noteId}-help ${noteId}-error`}
      />
      <p id={`${noteId}-help`} className="text-xs text-slate-500">{noteHelp}</p>
      <FieldError id={`${noteId}-error`} errors={errors?.note} />
      {!errors && <FormMessage result={state} />}
      {chosen === null ? (
        <div className="flex flex-wrap gap-2">
          {choices.map((choice) => (
            <button key={choice.value} type="button" onClick={() => setChosen(choice)} className={`rounded border px-3 py-1.5 text-sm ${choice.buttonClass}`}>
              {choice.label}
            </button>
          ))}
        </div>
      ) : (
        <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid={confirmTestId}>
          <input type="hidden" name="decision" value={chosen.value} />
          <p>{chosen.confirmText}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button type="submit" autoFocus disabled={pending} className={`rounded px-3 py-1.5 font-medium text-white disabled:opacity-60 ${chosen.confirmClass}`}>
              {chosen.confirmLabel}
            </button>
            <button type="button" onClick={() => setChosen(null)} className="rounded border border-slate-300 bg-white px-3 py-1.5">
              {tc("common.cancel")}
            </button>
          </div>
        </div>
      )}
    </ActionForm>
  );
}
