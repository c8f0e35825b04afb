"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { MAX_REVIEW_NOTE_LENGTH } from "@/lib/restore/limits";
import { reviewRestore } from "./actions";

type Reviewed = { status: "approved" | "rejected"; lifted: boolean; verdictAlreadyEnded: boolean; stillRestricted: { level: string } | null };
type Choice = "approve" | "reject";

/**
 * Approve or reject in two steps: choose, then confirm what it does. The note (kept while choosing)
 * is required for both; a refusal comes back beside the note.
 */
export function ReviewForm({ restoreRequestId, level }: { restoreRequestId: number; level: string }) {
  const t = useTranslations("restore.console");
  const tc = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<Reviewed> | undefined, FormData>(reviewRestore, undefined);
  const [note, setNote] = useState("");
  const [choice, setChoice] = useState<Choice | null>(null);

  if (state?.ok) {
    const done = state.data;
    const text = done.status === "rejected" ? t("rejected") : done.lifted ? t("approved") : t("approvedEnded");
    return (
      <div role="status" className="mt-3 rounded border border-green-300 bg-green-50 px-3 py-2 text-sm" data-testid="review-done">
        {text}
        {done.stillRestricted && <span className="block">{t("stillRestricted", { level: done.stillRestricted.level })}</span>}
      </div>
    );
  }

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const noteId = `note-${restoreRequestId}`;
  return (
    <ActionForm action={action} className="mt-3 space-y-2 border-t border-slate-100 pt-3" noValidate>
      <input type="hidden" name="restoreRequestId" value={restoreRequestId} />
      <label htmlFor={noteId} className="block text-sm font-medium">{t("note")}</label>
      <textarea
        id={noteId}
        name="note"
        rows={2}
        maxLength={MAX_REVIEW_NOTE_LENGTH}
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
          <button type="button" onClick={() => setChoice("approve")} className="rounded border border-green-700 px-3 py-1.5 text-sm text-green-800 hover:bg-green-50">
            {t("approve")}
          </button>
          <button type="button" onClick={() => setChoice("reject")} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
            {t("reject")}
          </button>
        </div>
      ) : (
        <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="review-confirm">
          <input type="hidden" name="decision" value={choice} />
          <p>{choice === "approve" ? t("confirmApproveText") : t("confirmRejectText")}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="submit"
              autoFocus
              disabled={pending}
              className={`rounded px-3 py-1.5 font-medium text-white disabled:opacity-60 ${choice === "approve" ? "bg-green-700 hover:bg-green-800" : "bg-red-700 hover:bg-red-800"}`}
            >
              {choice === "approve" ? t("confirmApprove", { level }) : t("confirmReject", { level })}
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
