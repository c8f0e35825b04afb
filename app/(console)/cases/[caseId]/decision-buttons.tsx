"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { reverseDecision, undoDecision } from "./actions";

/** The decider's undo, within ten minutes: asks first, then reopens the case. */
export function UndoButton({ decisionId }: { decisionId: number }) {
  const t = useTranslations("case.undo");
  const router = useRouter();
  return (
    <ConfirmButton
      label={t("undo")}
      confirmLabel={t("confirm")}
      run={() => undoDecision(undefined, { decisionId })}
      onDone={() => router.refresh()}
    />
  );
}

/** A senior moderator's reversal: a reason, then a confirming submit. */
export function ReverseForm({ decisionId }: { decisionId: number }) {
  const t = useTranslations("case.reverse");
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionResult | undefined, FormData>(reverseDecision, undefined);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const id = `reverse-${decisionId}`;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-red-800">{t("open")}</summary>
      <ActionForm action={action} className="mt-2 space-y-2" noValidate>
        <input type="hidden" name="decisionId" value={decisionId} />
        <label htmlFor={id} className="block font-medium">{t("reason")}</label>
        <textarea id={id} name="reason" rows={2} className="w-full rounded border border-slate-300 px-3 py-2" aria-describedby={`${id}-help ${id}-error`} />
        <p id={`${id}-help`} className="text-xs text-slate-500">{t("help")}</p>
        <FieldError id={`${id}-error`} errors={errors?.reason} />
        <FormMessage result={state} />
        <button type="submit" disabled={pending} className="rounded border border-red-700 bg-red-700 px-3 py-1.5 text-white disabled:opacity-60">{t("confirm")}</button>
      </ActionForm>
    </details>
  );
}
