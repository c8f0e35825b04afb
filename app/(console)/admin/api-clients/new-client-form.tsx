"use client";
import { ActionForm } from "@/components/ui/action-form";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { createClient } from "./actions";

const input = "w-full rounded border border-slate-300 px-3 py-2";

/** `platforms`: the ones a client may act for, named in the viewer's language. */
export function NewClientForm({ platforms }: { platforms: { id: number; name: string }[] }) {
  const t = useTranslations("apiClients");
  const [state, action, pending] = useActionState<ActionResult<{ id: number; key: string }> | undefined, FormData>(
    createClient,
    undefined,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm action={action} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2" noValidate>
      <h2 className="text-lg font-medium sm:col-span-2">{t("newTitle")}</h2>
      <div>
        <label htmlFor="client-name" className="mb-1 block text-sm font-medium">{t("name")}</label>
        <input id="client-name" name="name" className={input} />
        <FieldError id="client-name-error" errors={errors?.name} />
      </div>
      <div>
        <label htmlFor="client-rate" className="mb-1 block text-sm font-medium">{t("rateLimit")}</label>
        <input id="client-rate" name="requestsPerMinute" type="number" min={1} defaultValue={600} className={input} />
        <FieldError id="client-rate-error" errors={errors?.requestsPerMinute} />
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="client-platform" className="mb-1 block text-sm font-medium">{t("actsFor")}</label>
        <select id="client-platform" name="platformId" defaultValue="" className={input} aria-describedby="client-platform-hint client-platform-error">
          <option value="">{t("actsForNone")}</option>
          {platforms.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </select>
        <p id="client-platform-hint" className="mt-1 text-xs text-slate-500">{t("actsForHint")}</p>
        <FieldError id="client-platform-error" errors={errors?.platformId} />
      </div>
      <div className="sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("create")}
        </button>
      </div>
      {state?.ok && (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm sm:col-span-2">
          <p className="font-medium">{t("keyOnce")}</p>
          <code className="mt-1 block select-all break-all font-mono" data-testid="new-api-key">{state.data.key}</code>
        </div>
      )}
      <div className="sm:col-span-2"><FormMessage result={state} /></div>
    </ActionForm>
  );
}
