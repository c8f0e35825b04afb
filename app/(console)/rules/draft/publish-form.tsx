"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldError, FormMessage } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/auth/action-result";
import { RULEBOOK_PROBLEMS_FIELD } from "@/lib/rules/draft-limits";
import { publishDraft } from "../actions";

/**
 * The change summary and a two-step publish. On success the rules page shows the new version; a
 * refusal lists the rulebook's problems as the checks wrote them.
 */
export function PublishForm({ version }: { version: number }) {
  const t = useTranslations();
  const router = useRouter();
  const [result, setResult] = useState<ActionResult | undefined>(undefined);
  // Confirming holds only until the next answer arrives.
  const [confirmingFor, setConfirmingFor] = useState<{ result: ActionResult | undefined } | null>(null);
  const confirming = confirmingFor !== null && confirmingFor.result === result;
  const [pending, startTransition] = useTransition();

  function submit(form: FormData) {
    startTransition(async () => {
      const answer = await publishDraft(undefined, form);
      if (answer.ok) router.push("/rules");
      else setResult(answer);
    });
  }

  const errors = result && !result.ok ? result.fieldErrors : undefined;
  const problems = errors?.[RULEBOOK_PROBLEMS_FIELD];
  return (
    <ActionForm action={submit} noValidate className="grid gap-3">
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor="publish-summary" className="mb-1 block text-sm font-medium">{t("rules.draft.summary")}</label>
        <textarea
          id="publish-summary"
          name="summary"
          rows={3}
          className="w-full max-w-3xl rounded border border-slate-300 px-3 py-2"
          aria-describedby="publish-summary-hint publish-summary-error"
        />
        <p id="publish-summary-hint" className="mt-1 text-xs text-slate-500">{t("rules.draft.summaryHint")}</p>
        <FieldError id="publish-summary-error" errors={errors?.summary} />
      </div>
      {confirming ? (
        <div className="grid gap-2">
          <p className="max-w-3xl text-sm text-slate-700">{t("rules.draft.publishConfirmText", { version })}</p>
          <div className="flex flex-wrap gap-2">
            <button type="submit" autoFocus disabled={pending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {t("rules.draft.confirmPublish", { version })}
            </button>
            <button type="button" className="rounded border border-slate-300 px-4 py-2" onClick={() => setConfirmingFor(null)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button type="button" className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700" onClick={() => setConfirmingFor({ result })}>
            {t("rules.draft.publish", { version })}
          </button>
        </div>
      )}
      {problems ? (
        <div role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="publish-problems">
          <p className="font-medium">{t("rules.draft.publishRefused")}</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((problem) => (
              <li key={problem} lang="en">{problem}</li>
            ))}
          </ul>
        </div>
      ) : (
        <FormMessage result={result} />
      )}
    </ActionForm>
  );
}
