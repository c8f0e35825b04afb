"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { LinkChoices } from "@/components/ui/link-choices";
import { scenes } from "@/db/schema";
import type { ActionResult } from "@/lib/auth/action-result";
import { MAX_DESCRIPTION_LENGTH } from "@/lib/reports/schemas";
import { submitReport } from "./actions";

type Receipt = { trackingCode: string; alreadyReported: boolean };
const input = "w-full rounded border border-slate-300 bg-white px-3 py-2";

export function ReportForm({ reasons }: { reasons: { code: string; name: string }[] }) {
  const t = useTranslations("report");
  const [state, action, pending] = useActionState<ActionResult<Receipt> | undefined, FormData>(submitReport, undefined);
  const [description, setDescription] = useState("");

  if (state?.ok) {
    const code = state.data.trackingCode;
    return (
      <section role="status" className="rounded-lg border border-green-300 bg-green-50 p-5" data-testid="receipt">
        <h2 className="text-lg font-medium">{state.data.alreadyReported ? t("alreadyReported") : t("thanks")}</h2>
        <p className="mt-2">{t("yourCode")}</p>
        <p className="mt-1 font-mono text-2xl tracking-wider" data-testid="tracking-code">{code}</p>
        <p className="mt-3 text-sm text-slate-700">{t("keepCode")}</p>
        <Link href={`/report/status/${code}`} className="mt-3 inline-block text-brand-700 underline">
          {t("followIt")}
        </Link>
      </section>
    );
  }

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" noValidate>
      <div>
        <label htmlFor="url" className="mb-1 block font-medium">{t("link")}</label>
        <input id="url" name="url" type="text" inputMode="url" autoComplete="off" placeholder="https://…" className={input} aria-describedby="url-help url-error" />
        <p id="url-help" className="mt-1 text-sm text-slate-500">{t("linkHelp")}</p>
        <FieldError id="url-error" errors={errors?.url} />
        {errors?.linkChoices && <LinkChoices choices={errors.linkChoices} />}
      </div>
      <div>
        <label htmlFor="category" className="mb-1 block font-medium">{t("reason")}</label>
        <select id="category" name="category" className={input} defaultValue="" aria-describedby="category-error">
          <option value="" disabled>{t("chooseReason")}</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>{r.name}</option>
          ))}
        </select>
        <FieldError id="category-error" errors={errors?.category} />
      </div>
      <fieldset>
        <legend className="mb-1 font-medium">{t("scene")}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {scenes.map((scene) => (
            <label key={scene} className="flex items-center gap-2">
              <input type="radio" name="scene" value={scene} />
              {t(`scenes.${scene}`)}
            </label>
          ))}
        </div>
        <FieldError id="scene-error" errors={errors?.scene} />
      </fieldset>
      <div>
        <label htmlFor="description" className="mb-1 block font-medium">{t("description")}</label>
        <textarea
          id="description"
          name="description"
          rows={4}
          maxLength={MAX_DESCRIPTION_LENGTH}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          className={input}
          aria-describedby="description-count description-error"
        />
        <p id="description-count" className="mt-1 text-right text-sm text-slate-500">
          {t("characters", { used: description.length, max: MAX_DESCRIPTION_LENGTH })}
        </p>
        <FieldError id="description-error" errors={errors?.description} />
      </div>
      <FormMessage result={state} />
      <button type="submit" disabled={pending} className="rounded bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("submitting") : t("submit")}
      </button>
    </ActionForm>
  );
}
