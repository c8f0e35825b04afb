"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { roles } from "@/db/schema";
import type { ActionResult } from "@/lib/auth/action-result";
import { createStaffMember } from "./actions";

const input = "w-full rounded border border-slate-300 px-3 py-2";

export function NewStaffForm() {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<{ id: number; email: string }> | undefined, FormData>(
    createStaffMember,
    undefined,
  );
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm ref={form} action={action} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2" noValidate>
      <h2 className="text-lg font-medium sm:col-span-2">{t("staff.newTitle")}</h2>
      <div>
        <label htmlFor="new-email" className="mb-1 block text-sm font-medium">{t("staff.email")}</label>
        <input id="new-email" name="email" type="email" className={input} aria-describedby="new-email-error" />
        <FieldError id="new-email-error" errors={errors?.email} />
      </div>
      <div>
        <label htmlFor="new-name" className="mb-1 block text-sm font-medium">{t("staff.name")}</label>
        <input id="new-name" name="name" className={input} aria-describedby="new-name-error" />
        <FieldError id="new-name-error" errors={errors?.name} />
      </div>
      <div>
        <label htmlFor="new-role" className="mb-1 block text-sm font-medium">{t("staff.role")}</label>
        <select id="new-role" name="role" className={input} defaultValue="moderator">
          {roles.map((role) => (
            <option key={role} value={role}>{t(`roles.${role}`)}</option>
          ))}
        </select>
        <FieldError id="new-role-error" errors={errors?.role} />
      </div>
      <div>
        <label htmlFor="new-password" className="mb-1 block text-sm font-medium">{t("staff.initialPassword")}</label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" className={input} aria-describedby="new-password-error" />
        <FieldError id="new-password-error" errors={errors?.password} />
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("staff.create")}
        </button>
        {state?.ok && <p role="status" className="text-sm text-green-800">{t("staff.created", { email: state.data.email })}</p>}
      </div>
      <div className="sm:col-span-2"><FormMessage result={state} /></div>
    </ActionForm>
  );
}
