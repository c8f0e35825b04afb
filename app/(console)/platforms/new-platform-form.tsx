"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { platformKinds } from "@/lib/platforms/kinds";
import { createPlatform } from "./actions";

const input = "w-full rounded border border-slate-300 px-3 py-2";
const label = "mb-1 block text-sm font-medium";

export function NewPlatformForm() {
  const t = useTranslations("platforms");
  const [state, action, pending] = useActionState<ActionResult<{ id: number; name: string }> | undefined, FormData>(createPlatform, undefined);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm ref={form} action={action} className="mt-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <h2 className="text-lg font-medium">{t("newTitle")}</h2>
        <p className="text-sm text-slate-600">{t("newDescription")}</p>
      </div>
      <div>
        <label htmlFor="platform-slug" className={label}>{t("slug")}</label>
        <input id="platform-slug" name="slug" className={`${input} font-mono`} aria-describedby="platform-slug-hint platform-slug-error" />
        <p id="platform-slug-hint" className="mt-1 text-xs text-slate-500">{t("slugHint")}</p>
        <FieldError id="platform-slug-error" errors={errors?.slug} />
      </div>
      <div>
        <label htmlFor="platform-kind" className={label}>{t("kind")}</label>
        <select id="platform-kind" name="kind" className={input} defaultValue="shop">
          {platformKinds.map((kind) => (
            <option key={kind} value={kind}>{t(`kinds.${kind}`)}</option>
          ))}
        </select>
        <FieldError id="platform-kind-error" errors={errors?.kind} />
      </div>
      <div>
        <label htmlFor="platform-name" className={label}>{t("nameEn")}</label>
        <input id="platform-name" name="name" className={input} aria-describedby="platform-name-error" />
        <FieldError id="platform-name-error" errors={errors?.name} />
      </div>
      <div>
        <label htmlFor="platform-name-zh" className={label}>{t("nameZh")}</label>
        <input id="platform-name-zh" name="nameZh" lang="zh" className={input} aria-describedby="platform-name-zh-error" />
        <FieldError id="platform-name-zh-error" errors={errors?.nameZh} />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {t("create")}
        </button>
        {state?.ok && (
          <p role="status" className="text-sm text-green-800">
            {t("created", { name: state.data.name })}{" "}
            <Link className="text-brand-700 underline" href={`/platforms/${state.data.id}`}>{t("openCreated")}</Link>
          </p>
        )}
      </div>
      <div className="sm:col-span-2"><FormMessage result={state} /></div>
    </ActionForm>
  );
}
