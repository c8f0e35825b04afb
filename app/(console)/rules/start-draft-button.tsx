"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { startDraft } from "./actions";

/** Starts a draft copy of the published rulebook and opens it. */
export function StartDraftButton() {
  const t = useTranslations();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            const result = await startDraft(undefined, {});
            if (result.ok) router.push("/rules/draft");
            else setError(t.has(result.message) ? t(result.message) : t("errors.unexpected"));
          })
        }
      >
        {t("rules.editAsDraft")}
      </button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </span>
  );
}
