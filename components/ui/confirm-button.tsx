"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/action-result";

/**
 * A destructive action in two steps: the first click asks, the second (focused, so Enter confirms)
 * acts. A refusal is shown beside the button, in the viewer's language.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  run,
  onDone,
  large = false,
}: {
  label: string;
  confirmLabel: string;
  run: () => Promise<ActionResult>;
  onDone?: () => void;
  large?: boolean;
}) {
  const t = useTranslations();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const size = large ? "px-4 py-2" : "px-2 py-1 text-sm";
  return (
    <span className="flex flex-wrap items-center gap-2">
      {confirming ? (
        <>
          <button
            type="button"
            autoFocus
            disabled={pending}
            className={`rounded border border-red-700 bg-red-700 text-white disabled:opacity-60 ${size}`}
            onClick={() =>
              startTransition(async () => {
                const result = await run();
                setError(result.ok ? null : t.has(result.message) ? t(result.message) : t("errors.unexpected"));
                setConfirming(false);
                if (result.ok) onDone?.();
              })
            }
          >
            {confirmLabel}
          </button>
          <button type="button" className={`rounded border border-slate-300 ${size}`} onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </button>
        </>
      ) : (
        <button type="button" className={`rounded border border-red-300 text-red-800 ${size}`} onClick={() => setConfirming(true)}>
          {label}
        </button>
      )}
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </span>
  );
}
