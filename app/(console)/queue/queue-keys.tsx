"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

const REFRESH_MS = 30_000;
const keys = ["j", "k", "o", "x", "?"] as const;

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));

/**
 * The queue's keyboard (j/k move, o opens, x selects, ? shows the keys) and its refresh: every 30 s
 * the server part is re-rendered in place (router.refresh keeps the scroll position, and the URL keeps
 * the page), unless the moderator is in the middle of something (a selection, a form, a hidden tab).
 */
export function QueueKeys() {
  const t = useTranslations("queue.keys");
  const router = useRouter();
  const [help, setHelp] = useState(false);
  const active = useRef(-1);

  useEffect(() => {
    const rows = () => [...document.querySelectorAll<HTMLElement>("[data-queue-row]")];
    const select = (index: number) => {
      const all = rows();
      if (all.length === 0) return;
      active.current = Math.max(0, Math.min(index, all.length - 1));
      all.forEach((row, i) => row.toggleAttribute("data-active", i === active.current));
      const row = all[active.current]!;
      row.querySelector<HTMLElement>("[data-queue-open]")?.focus();
      row.scrollIntoView({ block: "nearest" });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || typing(event.target)) return;
      if (event.key === "Escape") return setHelp(false);
      if (!(keys as readonly string[]).includes(event.key)) return;
      event.preventDefault();
      const row = rows()[active.current];
      switch (event.key) {
        case "j":
          return select(active.current + 1);
        case "k":
          return select(active.current <= 0 ? 0 : active.current - 1);
        case "o": {
          const href = row?.querySelector<HTMLAnchorElement>("[data-queue-open]")?.getAttribute("href");
          if (href) router.push(href);
          return;
        }
        case "x":
          row?.querySelector<HTMLInputElement>("input[data-queue-select]")?.click();
          return;
        case "?":
          return setHelp((shown) => !shown);
      }
    };
    document.addEventListener("keydown", onKey);
    const timer = setInterval(() => {
      const busy =
        document.hidden ||
        typing(document.activeElement) ||
        document.querySelector("input[data-queue-select]:checked, [data-bulk-confirming]") !== null;
      if (!busy) router.refresh();
    }, REFRESH_MS);
    return () => {
      document.removeEventListener("keydown", onKey);
      clearInterval(timer);
    };
  }, [router]);

  return (
    <div className="mb-2 flex justify-end text-xs text-slate-600">
      <button type="button" className="underline" onClick={() => setHelp((shown) => !shown)} aria-expanded={help} aria-controls="queue-keys-help">
        {t("show")}
      </button>
      {help && (
        <div id="queue-keys-help" role="dialog" aria-label={t("title")} className="fixed right-6 top-20 z-10 rounded-lg border border-slate-300 bg-white p-4 text-sm shadow-lg" data-testid="queue-keys-help">
          <p className="mb-2 font-medium">{t("title")}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {keys.map((key) => (
              <div key={key} className="contents">
                <dt><kbd className="rounded border border-slate-300 px-1.5 font-mono">{key}</kbd></dt>
                <dd>{t(key === "?" ? "help" : key)}</dd>
              </div>
            ))}
          </dl>
          <button type="button" className="mt-3 rounded border border-slate-300 px-2 py-1" onClick={() => setHelp(false)}>{t("close")}</button>
        </div>
      )}
    </div>
  );
}
