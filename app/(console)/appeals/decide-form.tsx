"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TwoStepReviewForm } from "@/components/review/two-step-review-form";
import { MAX_APPEAL_NOTE_LENGTH } from "@/lib/appeals/schemas";
import type { ActionResult } from "@/lib/auth/action-result";
import { decideAppealForm } from "./actions";

type Decided = { status: "upheld" | "overturned"; caseId: number };

/** Uphold or overturn, with a note; a refusal (four eyes, a decision that moved on) comes back beside it. */
export function DecideAppealForm({ appealId }: { appealId: number }) {
  const t = useTranslations("appeals");
  const [state, action, pending] = useActionState<ActionResult<Decided> | undefined, FormData>(decideAppealForm, undefined);

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

  return (
    <TwoStepReviewForm
      action={action}
      pending={pending}
      state={state}
      target={{ name: "appealId", value: appealId }}
      noteId={`appeal-note-${appealId}`}
      noteLabel={t("note")}
      noteHelp={t("noteHelp")}
      noteMaxLength={MAX_APPEAL_NOTE_LENGTH}
      confirmTestId="appeal-confirm"
      choices={[
        { value: "uphold", label: t("uphold"), buttonClass: "border-slate-300 hover:bg-slate-50", confirmText: t("confirmUpholdText"), confirmLabel: t("confirmUphold"), confirmClass: "bg-slate-700 hover:bg-slate-800" },
        { value: "overturn", label: t("overturn"), buttonClass: "border-red-700 text-red-800 hover:bg-red-50", confirmText: t("confirmOverturnText"), confirmLabel: t("confirmOverturn"), confirmClass: "bg-red-700 hover:bg-red-800" },
      ]}
    />
  );
}
