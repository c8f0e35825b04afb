"use client";
import { useTranslations } from "next-intl";

const KEYS = ["a", "d", "e", "n", "?"] as const;

/** The case page's keyboard shortcuts (j/k/o belong to the queue page). */
export function KeyHelp({ onClose }: { onClose: () => void }) {
  const t = useTranslations("case.keys");
  return (
    <div role="dialog" aria-label={t("title")} className="rounded border border-slate-300 bg-slate-50 p-3 text-sm" data-testid="key-help">
      <p className="font-medium">{t("title")}</p>
      <dl className="mt-1 grid grid-cols-[3rem_1fr] gap-1">
        {KEYS.map((k) => (
          <div key={k} className="contents">
            <dt><kbd className="rounded border border-slate-300 bg-white px-1.5">{k}</kbd></dt>
            <dd>{t(k === "?" ? "help" : k)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose} className="mt-2 text-slate-600 underline">{t("close")}</button>
    </div>
  );
}
