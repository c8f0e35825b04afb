"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { removePlatformDomain } from "../actions";

/** Removing a registry entry asks for confirmation first. */
export function RemoveDomainButton({ domainId, domain }: { domainId: number; domain: string }) {
  const t = useTranslations();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!confirming) {
    return (
      <span className="flex items-center gap-2">
        <button type="button" className="rounded border border-red-300 px-2 py-1 text-sm text-red-800" onClick={() => setConfirming(true)}>
          {t("platforms.remove")}
        </button>
        {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
      </span>
    );
  }
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        autoFocus
        disabled={pending}
        className="rounded border border-red-700 bg-red-700 px-2 py-1 text-sm text-white disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            const result = await removePlatformDomain(undefined, { domainId });
            setError(result.ok ? null : t.has(result.message) ? t(result.message) : t("errors.unexpected"));
            setConfirming(false);
          })
        }
      >
        {t("platforms.confirmRemove", { domain })}
      </button>
      <button type="button" className="rounded border border-slate-300 px-2 py-1 text-sm" onClick={() => setConfirming(false)}>
        {t("common.cancel")}
      </button>
    </span>
  );
}
