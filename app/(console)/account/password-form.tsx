"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { changePassword } from "./actions";

const input = "w-full rounded border border-slate-300 px-3 py-2";

export function PasswordForm() {
  const t = useTranslations("account");
  const [state, action, pending] = useActionState<ActionResult | undefined, FormData>(changePassword, undefined);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const field = (name: "currentPassword" | "newPassword" | "confirmPassword", autoComplete: string) => (
    <div>
      <label htmlFor={name} className="mb-1 block text-sm font-medium">{t(name)}</label>
      <input id={name} name={name} type="password" autoComplete={autoComplete} className={input} aria-describedby={`${name}-error`} />
      <FieldError id={`${name}-error`} errors={errors?.[name]} />
    </div>
  );
  return (
    <ActionForm ref={form} action={action} className="grid max-w-md gap-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-medium">{t("passwordTitle")}</h2>
      {field("currentPassword", "current-password")}
      {field("newPassword", "new-password")}
      {field("confirmPassword", "new-password")}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("changePassword")}
        </button>
        {state?.ok && <p role="status" className="text-sm text-green-800">{t("passwordChanged")}</p>}
      </div>
      <FormMessage result={state} />
    </ActionForm>
  );
}
