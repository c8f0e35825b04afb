"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { reassignCase } from "./actions";

/** Senior moderators hand the case to someone, with a reason (audited). */
export function ReassignForm({ caseId, people }: { caseId: number; people: { id: number; name: string }[] }) {
  const t = useTranslations("case.reassign");
  const router = useRouter();
  const [state, action, pending] = useActionState<ActionResult | undefined, FormData>(reassignCase, undefined);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <summary className="cursor-pointer font-medium">{t("title")}</summary>
      <ActionForm action={action} className="mt-2 space-y-2" noValidate>
        <input type="hidden" name="caseId" value={caseId} />
        <label className="block">
          <span className="font-medium">{t("to")}</span>
          <select name="assigneeId" className="mt-1 w-full rounded border border-slate-300 px-3 py-2">
            {people.map((p) => (
              <option key={p.id} value={p.id}>{p.name}</option>
            ))}
          </select>
          <FieldError id="assignee-error" errors={errors?.assigneeId} />
        </label>
        <label className="block">
          <span className="font-medium">{t("reason")}</span>
          <textarea name="reason" rows={2} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
          <FieldError id="reassign-reason-error" errors={errors?.reason} />
        </label>
        <FormMessage result={state} />
        {state?.ok && <p role="status" className="text-green-800">{t("done")}</p>}
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">{t("submit")}</button>
      </ActionForm>
    </details>
  );
}
