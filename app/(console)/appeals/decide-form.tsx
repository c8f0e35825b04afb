"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { MAX_APPEAL_NOTE_LENGTH } from "@/lib/appeals/schemas";
import type { ActionResult } from "@/lib/auth/action-result";
import { decideAppealForm } from "./actions";

type Decided = { status: "upheld" | "overturned"; caseId: number };
type Choice = "uphold" | "overturn";

/**
 * Uphold or overturn in two steps: choose, then confirm what it does. The note (kept while choosing)
 * is required for both; a refusal (four eyes, a decision that moved on) comes back beside the note.
 */
export function DecideAppealForm({ appealId }: { appealId: number }) {
  const t = useTranslations("appeals");
  const tc = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<Decided> | undefined, FormData>(decideAppealForm, undefined);
  const [note, setNote] = useState("");
  const [choice, setChoice] = useState<Choice | null>(null);

  if (state?.ok) {
    const done = state.data;
    return (
      <div role="status" className="mt-3 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm" data-testid="appeal-done">
        {done.status === "upheld" ? t("upheld") : t("overturned")}
        {done.status === "overturned" && (
          <Link href={`/cases/${done.caseId}`} className="ml-2 text-brand-700 underline">{t("openCase", { id: done.caseId })}</Link>
        )}
      </div>
    );
  }

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const noteId = `appeal-note-${appealId}`;
  return (
    <ActionForm action={action} className="mt-3 space-y-2 border-t border-slate-100 pt-3" noValidate>
      <input type="hidden" name="appealId" value={appealId} />
      <label htmlFor={noteId} className="block text-sm font-medium">{t("note")}</label>
      <textarea
        id={noteId}
        name="note"
        rows={2}
        maxLength={MAX_APPEAL_NOTE_LENGTH}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        className="w-full rounded border border-slate-300 px-3 py-2 text-sm"
        aria-describedby={`${noteId}-help ${noteId}-error`}
      />
      <p id={`${noteId}-help`} className="text-xs text-slate-500">{t("noteHelp")}</p>
      <FieldError id={`${noteId}-error`} errors={errors?.note} />
      {!errors && <FormMessage result={state} />}
      {choice === null ? (
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={() => setChoice("uphold")} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
            {t("uphold")}
          </button>
          <button type="button" onClick={() => setChoice("overturn")} className="rounded border border-red-700 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
            {t("overturn")}
          </button>
        </div>
      ) : (
        <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="appeal-confirm">
          <input type="hidden" name="decision" value={choice} />
          <p>{choice === "uphold" ? t("confirmUpholdText") : t("confirmOverturnText")}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="submit"
              autoFocus
              disabled={pending}
              className={`rounded px-3 py-1.5 font-medium text-white disabled:opacity-60 ${choice === "uphold" ? "bg-slate-700 hover:bg-slate-800" : "bg-red-700 hover:bg-red-800"}`}
            >
              {choice === "uphold" ? t("confirmUphold") : t("confirmOverturn")}
            </button>
            <button type="button" onClick={() => setChoice(null)} className="rounded border border-slate-300 bg-white px-3 py-1.5">
              {tc("common.cancel")}
            </button>
          </div>
        </div>
      )}
    </ActionForm>
  );
}
