"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { setTimeZone } from "./actions";

export function TimeZoneForm({ current, zones }: { current: string; zones: string[] }) {
  const t = useTranslations("account");
  const [state, action, pending] = useActionState<ActionResult | undefined, FormData>(setTimeZone, undefined);
  return (
    <ActionForm action={action} className="grid max-w-md gap-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-medium">{t("timeZoneTitle")}</h2>
      <div>
        <label htmlFor="timeZone" className="mb-1 block text-sm font-medium">{t("timeZone")}</label>
        <select id="timeZone" name="timeZone" defaultValue={current} className="w-full rounded border border-slate-300 px-3 py-2">
          {zones.map((zone) => (
            <option key={zone} value={zone}>{zone}</option>
          ))}
        </select>
        <FieldError id="timeZone-error" errors={state && !state.ok ? state.fieldErrors?.timeZone : undefined} />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("save")}
        </button>
        {state?.ok && <p role="status" className="text-sm text-green-800">{t("saved")}</p>}
      </div>
    </ActionForm>
  );
}
