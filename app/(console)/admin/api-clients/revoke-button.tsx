"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { revokeClient } from "./actions";

export function RevokeButton({ clientId, name }: { clientId: number; name: string }) {
  const t = useTranslations();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (!confirming) {
    return (
      <button type="button" className="rounded border border-red-300 px-2 py-1 text-sm text-red-800" onClick={() => setConfirming(true)}>
        {t("apiClients.revoke")}
      </button>
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
            const result = await revokeClient(undefined, { clientId });
            if (!result.ok) setError(t.has(result.message) ? t(result.message) : t("errors.unexpected"));
            setConfirming(false);
          })
        }
      >
        {t("apiClients.confirmRevoke", { name })}
      </button>
      <button type="button" className="rounded border border-slate-300 px-2 py-1 text-sm" onClick={() => setConfirming(false)}>
        {t("common.cancel")}
      </button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </span>
  );
}
