"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

/** Requesters who kept their code come back here to follow their request. */
export function RestoreLookup() {
  const t = useTranslations("restore");
  const router = useRouter();
  const [code, setCode] = useState("");
  function open(event: FormEvent) {
    event.preventDefault();
    const normalized = code.trim().toUpperCase();
    if (normalized) router.push(`/report/restore/status/${encodeURIComponent(normalized)}`);
  }
  return (
    <form onSubmit={open} className="mt-8 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <div className="grow">
        <label htmlFor="restore-lookup-code" className="mb-1 block font-medium">{t("lookupLabel")}</label>
        <input id="restore-lookup-code" value={code} onChange={(e) => setCode(e.target.value)} placeholder="LD-XXXXXXXX" className="w-full rounded border border-slate-300 px-3 py-2 font-mono" />
      </div>
      <button type="submit" className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">{t("lookup")}</button>
    </form>
  );
}
