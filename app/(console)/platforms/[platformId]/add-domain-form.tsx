"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { platformDomainKinds } from "@/lib/platforms/kinds";
import { addPlatformDomain } from "../actions";

const input = "w-full rounded border border-slate-300 px-3 py-2";
const label = "mb-1 block text-sm font-medium";

export function AddDomainForm({ platformId }: { platformId: number }) {
  const t = useTranslations("platforms");
  const [state, action, pending] = useActionState<ActionResult<{ domain: string }> | undefined, FormData>(addPlatformDomain, undefined);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const takenBy = errors?.takenBy?.[0];
  return (
    <ActionForm ref={form} action={action} className="mt-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[2fr_1fr]" noValidate>
      <h3 className="text-base font-medium sm:col-span-2">{t("addTitle")}</h3>
      <input type="hidden" name="platformId" value={platformId} />
      <div>
        <label htmlFor="domain-name" className={label}>{t("domain")}</label>
        <input id="domain-name" name="domain" className={`${input} font-mono`} autoCapitalize="none" spellCheck={false} aria-describedby="domain-name-hint domain-name-error" />
        <p id="domain-name-hint" className="mt-1 text-xs text-slate-500">{t("domainHint")}</p>
        <FieldError id="domain-name-error" errors={errors?.domain} />
        {takenBy && <p className="mt-1 text-sm text-red-700">{t("errors.domainTakenBy", { platform: takenBy })}</p>}
      </div>
      <div>
        <label htmlFor="domain-kind" className={label}>{t("domainKind")}</label>
        <select id="domain-kind" name="kind" className={input} defaultValue="registrable">
          {platformDomainKinds.map((kind) => (
            <option key={kind} value={kind}>{t(`domainKinds.${kind}`)}</option>
          ))}
        </select>
        <FieldError id="domain-kind-error" errors={errors?.kind} />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("add")}
        </button>
        {state?.ok && <p role="status" className="text-sm text-green-800">{t("added", { domain: state.data.domain })}</p>}
      </div>
      {/* Field-level refusals are shown beside their field; other refusals (not found, the
          independent platform) as the form's message. */}
      {!errors && <div className="sm:col-span-2"><FormMessage result={state} /></div>}
    </ActionForm>
  );
}
