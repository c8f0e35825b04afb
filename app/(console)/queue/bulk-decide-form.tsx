"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import { outcomes } from "@/db/schema";
import type { ActionResult } from "@/lib/auth/action-result";
import { bulkDecideCases } from "./actions";

const LEVELS = ["L0", "L1", "L2", "L3", "L4"] as const;
const field = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";
const selected = () => [...document.querySelectorAll<HTMLInputElement>("input[data-queue-select]:checked")].map((box) => box.value);

/**
 * One decision for every selected row, in two steps: "Review" says how many cases it will decide,
 * "Decide N cases" sends it. The server decides all of them in one transaction or none.
 */
export function BulkDecideForm({ categories, domain, senior }: { categories: { code: string; name: string }[]; domain: string | null; senior: boolean }) {
  const t = useTranslations("queue.bulk");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<ActionResult<{ decided: number }> | undefined, FormData>(bulkDecideCases, undefined);
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [nothing, setNothing] = useState(false);

  // The server action revalidates /queue: the decided rows leave the table with its answer.
  const submit = (data: FormData) => {
    setConfirming(null);
    action(data);
  };

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const refusedCase = errors?.caseId?.[0];
  const reason = errors?.reason?.[0];
  return (
    <form
      id="bulk-decide-form"
      action={submit}
      onSubmit={(event) => {
        if (!confirming) event.preventDefault();
      }}
      className="mt-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="bulk-decide-form"
      {...(confirming ? { "data-bulk-confirming": "" } : {})}
    >
      <h2 className="mb-1 font-medium">{t("title")}</h2>
      <p className="mb-3 text-sm text-slate-600">{t("hint")}</p>
      {domain && (
        <button
          type="button"
          className="mb-3 rounded border border-slate-300 px-2 py-1 text-sm"
          data-testid="select-domain"
          onClick={() => document.querySelectorAll<HTMLInputElement>("input[data-queue-select]:not(:checked)").forEach((box) => box.click())}
        >
          {t("selectDomain", { domain })}
        </button>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">{t("outcome")}</span>
          <select name="outcome" defaultValue="violation" className={field}>
            {outcomes.map((o) => <option key={o} value={o}>{t(`outcomes.${o}`)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">{t("category")}</span>
          <select name="category" className={field}>
            {categories.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">{t("level")}</span>
          <select name="level" defaultValue="L1" className={field} aria-describedby="bulk-level-error">
            {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">{t("scope")}</span>
          <select name="scope" defaultValue="url" className={field} aria-describedby="bulk-scope-error">
            <option value="url">{t("scopes.url")}</option>
            <option value="host">{t("scopes.host")}</option>
          </select>
        </label>
        {senior && (
          <label className="flex items-center gap-2 self-center text-sm">
            <input type="checkbox" name="sanctionProvider" />
            {t("sanction")}
          </label>
        )}
        <label className="text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">{t("duration")}</span>
          <input name="durationHours" type="number" min={1} placeholder={t("untilLifted")} className={`${field} w-32`} />
        </label>
        <label className="min-w-64 flex-1 text-sm">
          <span className="mb-1 block text-xs font-medium text-slate-600">{t("rationale")}</span>
          <input name="rationale" type="text" className={`${field} w-full`} aria-describedby="bulk-rationale-error" />
        </label>
      </div>
      <FieldError id="bulk-level-error" errors={errors?.level} />
      <FieldError id="bulk-scope-error" errors={[...(errors?.scope ?? []), ...(errors?.sanctionProvider ?? [])]} />
      <FieldError id="bulk-rationale-error" errors={errors?.rationale} />
      <input type="hidden" name="cases" value={confirming?.join(",") ?? ""} />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {confirming ? (
          <>
            <span className="text-sm font-medium" role="status">{t("confirmCount", { count: confirming.length })}</span>
            <button type="submit" autoFocus disabled={pending} className="rounded border border-red-700 bg-red-700 px-3 py-1.5 text-sm text-white disabled:opacity-60" data-testid="bulk-confirm">
              {t("confirm", { count: confirming.length })}
            </button>
            <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={() => setConfirming(null)}>
              {tAll("common.cancel")}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
            data-testid="bulk-review"
            onClick={() => {
              const cases = selected();
              setNothing(cases.length === 0);
              setConfirming(cases.length === 0 ? null : cases);
            }}
          >
            {t("review")}
          </button>
        )}
        {nothing && <span role="alert" className="text-sm text-red-700">{t("nothingSelected")}</span>}
      </div>
      {state?.ok && <p role="status" className="mt-2 text-sm text-green-800" data-testid="bulk-done">{t("done", { count: state.data.decided })}</p>}
      {state && !state.ok && refusedCase ? (
        <p role="alert" className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("refused", { caseId: refusedCase, reason: reason && tAll.has(reason) ? tAll(reason) : tAll("errors.unexpected") })}
        </p>
      ) : (
        <FormMessage result={state} />
      )}
    </form>
  );
}
