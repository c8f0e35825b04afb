"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { LinkChoices } from "@/components/ui/link-choices";
import type { ActionResult } from "@/lib/auth/action-result";
import { MAX_CONTACT_LENGTH, MAX_EXPLANATION_LENGTH, requesterKinds } from "@/lib/restore/limits";
import { submitRestore } from "./actions";

type Receipt = { trackingCode: string; level: string };
const input = "w-full rounded border border-slate-300 bg-white px-3 py-2";

export function RestoreForm() {
  const t = useTranslations("restore");
  const [state, action, pending] = useActionState<ActionResult<Receipt> | undefined, FormData>(submitRestore, undefined);
  const [explanation, setExplanation] = useState("");

  if (state?.ok) {
    const code = state.data.trackingCode;
    return (
      <section role="status" className="rounded-lg border border-green-300 bg-green-50 p-5" data-testid="restore-receipt">
        <h2 className="text-lg font-medium">{t("received")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t("restriction", { level: t(`levels.${state.data.level}`) })}</p>
        <p className="mt-3">{t("yourCode")}</p>
        <p className="mt-1 font-mono text-2xl tracking-wider" data-testid="tracking-code">{code}</p>
        <p className="mt-3 text-sm text-slate-700">{t("keepCode")}</p>
        <Link href={`/report/restore/status/${code}`} className="mt-3 inline-block text-brand-700 underline">
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
      <fieldset aria-describedby="requester-error">
        <legend className="mb-1 font-medium">{t("requester")}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {requesterKinds.map((kind) => (
            <label key={kind} className="flex items-center gap-2">
              <input type="radio" name="requester" value={kind} />
              {t(`requesters.${kind}`)}
            </label>
          ))}
        </div>
        <FieldError id="requester-error" errors={errors?.requester} />
      </fieldset>
      <div>
        <label htmlFor="contact" className="mb-1 block font-medium">{t("contact")}</label>
        <input id="contact" name="contact" type="text" autoComplete="email" maxLength={MAX_CONTACT_LENGTH} className={input} aria-describedby="contact-help contact-error" />
        <p id="contact-help" className="mt-1 text-sm text-slate-500">{t("contactHelp")}</p>
        <FieldError id="contact-error" errors={errors?.contact} />
      </div>
      <div>
        <label htmlFor="explanation" className="mb-1 block font-medium">{t("explanation")}</label>
        <textarea
          id="explanation"
          name="explanation"
          rows={6}
          maxLength={MAX_EXPLANATION_LENGTH}
          value={explanation}
          onChange={(e) => setExplanation(e.target.value)}
          className={input}
          aria-describedby="explanation-help explanation-count explanation-error"
        />
        <p id="explanation-help" className="mt-1 text-sm text-slate-500">{t("explanationHelp")}</p>
        <p id="explanation-count" className="text-right text-sm text-slate-500">
          {t("characters", { used: [...explanation].length, max: MAX_EXPLANATION_LENGTH })}
        </p>
        <FieldError id="explanation-error" errors={errors?.explanation} />
      </div>
      {/* A refusal about a field is shown beside it; others (a rate limit) as the form's message. */}
      {!errors && <FormMessage result={state} />}
      <button type="submit" disabled={pending} className="rounded bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("submitting") : t("submit")}
      </button>
    </ActionForm>
  );
}
