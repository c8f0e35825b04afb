"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { discardDraft } from "../actions";

/** Discarding the draft asks for confirmation first. */
export function DiscardButton({ version }: { version: number }) {
  const t = useTranslations();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!confirming) {
    return (
      <span className="flex flex-wrap items-center gap-2">
        <button type="button" className="rounded border border-red-300 px-4 py-2 text-red-800" onClick={() => setConfirming(true)}>
          {t("rules.draft.discard")}
        </button>
        {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        autoFocus
        disabled={pending}
        className="rounded border border-red-700 bg-red-700 px-4 py-2 text-white disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            const result = await discardDraft(undefined, { version });
            if (result.ok) {
              router.push("/rules");
              return;
            }
            setError(t.has(result.message) ? t(result.message) : t("errors.unexpected"));
            setConfirming(false);
          })
        }
      >
        {t("rules.draft.confirmDiscard", { version })}
      </button>
      <button type="button" className="rounded border border-slate-300 px-4 py-2" onClick={() => setConfirming(false)}>
        {t("common.cancel")}
      </button>
    </span>
  );
}
