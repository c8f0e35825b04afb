"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TwoStepReviewForm } from "@/components/review/two-step-review-form";
import type { ActionResult } from "@/lib/auth/action-result";
import { MAX_REVIEW_NOTE_LENGTH } from "@/lib/restore/limits";
import { reviewRestore } from "./actions";

type Reviewed = { status: "approved" | "rejected"; lifted: boolean; verdictAlreadyEnded: boolean; stillRestricted: { level: string } | null };

/** Approve or reject, with a note; a refusal comes back beside it. */
export function ReviewForm({ restoreRequestId, level }: { restoreRequestId: number; level: string }) {
  const t = useTranslations("restore.console");
  const [state, action, pending] = useActionState<ActionResult<Reviewed> | undefined, FormData>(reviewRestore, undefined);

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

  return (
    <TwoStepReviewForm
      action={action}
      pending={pending}
      state={state}
      target={{ name: "restoreRequestId", value: restoreRequestId }}
      noteId={`note-${restoreRequestId}`}
      noteLabel={t("note")}
      noteHelp={t("noteHelp")}
      noteMaxLength={MAX_REVIEW_NOTE_LENGTH}
      confirmTestId="review-confirm"
      choices={[
        { value: "approve", label: t("approve"), buttonClass: "border-green-700 text-green-800 hover:bg-green-50", confirmText: t("confirmApproveText"), confirmLabel: t("confirmApprove", { level }), confirmClass: "bg-green-700 hover:bg-green-800" },
        { value: "reject", label: t("reject"), buttonClass: "border-slate-300 hover:bg-slate-50", confirmText: t("confirmRejectText"), confirmLabel: t("confirmReject", { level }), confirmClass: "bg-red-700 hover:bg-red-800" },
      ]}
    />
  );
}
