"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { escalateCase } from "./actions";

/** Escalation to the senior moderators: a note is required; the note field takes focus (key e). */
export function EscalateForm({ caseId, caseVersion, onCancel }: { caseId: number; caseVersion: number; onCancel: () => void }) {
  const t = useTranslations("case.escalation");
  const tc = useTranslations();
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionResult | undefined, FormData>(escalateCase, undefined);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm action={action} className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3" noValidate>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="caseVersion" value={caseVersion} />
      <label htmlFor="escalation-note" className="block text-sm font-medium">{t("note")}</label>
      <textarea id="escalation-note" name="note" rows={2} autoFocus className="w-full rounded border border-slate-300 px-3 py-2 text-sm" aria-describedby="escalation-note-error" />
      <FieldError id="escalation-note-error" errors={errors?.note} />
      <FormMessage result={state} />
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded bg-amber-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">{t("submit")}</button>
        <button type="button" onClick={onCancel} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">{tc("common.cancel")}</button>
      </div>
    </ActionForm>
  );
}
